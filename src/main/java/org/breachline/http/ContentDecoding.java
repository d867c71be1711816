package org.breachline.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Decodes a request body's Content-Encoding ourselves rather than in Jetty: Jetty's request inflater ends a gzip
 * stream cut short as if it were whole, so a truncated people file imported the rows before the cut without a word.
 * {@link GZIPInputStream} fails on a missing end, and {@link UnreadableBody} turns that into a 400.
 */
public final class ContentDecoding {
    private static final Set<String> GZIP = Set.of("gzip", "x-gzip");
    private static final String IDENTITY = "identity";

    private ContentDecoding() {
    }

    /**
     * The body as sent before its codings were applied. A coding we do not decode (deflate, br, ...) is a 415:
     * reading such a body as it is would store compressed bytes as text, or report them as bad JSON.
     */
    public static InputStream decoded(InputStream body, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return body;
        }
        InputStream decoded = body;
        String[] codings = contentEncoding.split(",");
        for (int i = codings.length - 1; i >= 0; i--) { // the last coding listed was applied last
            String coding = codings[i].strip().toLowerCase(Locale.ROOT);
            if (GZIP.contains(coding)) {
                decoded = new Gunzipped(decoded);
            } else if (!coding.equals(IDENTITY)) {
                throw new ApiException(415, "request.unsupported_encoding",
                        "Request bodies may be sent as they are or gzip-compressed (Content-Encoding: gzip); "
                                + "no other Content-Encoding is accepted.");
            }
        }
        return decoded;
    }

    /**
     * Stops Jetty inflating request bodies (it still compresses responses), so that {@link #decoded} sees the bytes
     * as sent. Call it while the server starts, before any request is read.
     */
    public static void takeOverFrom(Server server) {
        for (GzipHandler gzip : server.getDescendants(GzipHandler.class)) {
            gzip.setInflateBufferSize(-1);
        }
    }

    /** Reads the gzip header on first use, so that a bad one fails while the body is read, where it is mapped. */
    private static final class Gunzipped extends InputStream {
        private final InputStream compressed;
        private GZIPInputStream inflating;

        Gunzipped(InputStream compressed) {
            this.compressed = compressed;
        }

        private InputStream inflating() throws IOException {
            if (inflating == null) {
                inflating = new GZIPInputStream(compressed, 8192);
            }
            return inflating;
        }

        @Override
        public int read() throws IOException {
            return inflating().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return inflating().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            compressed.close();
        }
    }
}
