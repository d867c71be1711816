package org.breachline.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses request bodies over a limit with 413, both when Content-Length announces it and when a chunked body
 * turns out to be longer, so that no handler ever reads an unbounded body.
 */
@Provider
@PreMatching
@Priority(100)
public class BodySizeLimit implements ContainerRequestFilter {
    private final long defaultMaxBytes;
    private final Map<Pattern, Long> pathLimits;

    public BodySizeLimit(long maxBytes) {
        this(maxBytes, Map.of());
    }

    /** {@code pathLimits}: own limits for paths (relative, no leading slash) that take large uploads, such as imports. */
    public BodySizeLimit(long maxBytes, Map<String, Long> pathLimits) {
        this.defaultMaxBytes = maxBytes;
        this.pathLimits = new java.util.LinkedHashMap<>();
        pathLimits.forEach((regex, limit) -> this.pathLimits.put(Pattern.compile(regex), limit));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        InputStream decoded = ContentDecoding.decoded(request.getEntityStream(),
                request.getHeaderString("Content-Encoding"));
        long maxBytes = limitFor(request.getUriInfo().getPath(false));
        if (request.getLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        request.setEntityStream(new Capped(decoded, maxBytes)); // counts decoded bytes: a gzip bomb stops at the cap
    }

    private long limitFor(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (var e : pathLimits.entrySet()) {
            if (e.getKey().matcher(relative).matches()) {
                return e.getValue();
            }
        }
        return defaultMaxBytes;
    }

    /**
     * Reads and decodes a whole body outside Jersey (the hook ingestion filter) under the same rule: 413 before
     * reading when the announced length is over {@code maxBytes}, and 413 as soon as a body grows past it.
     */
    public static byte[] readAll(InputStream in, String contentEncoding, long announcedLength, long maxBytes)
            throws IOException {
        InputStream decoded = ContentDecoding.decoded(in, contentEncoding);
        if (announcedLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return new Capped(decoded, maxBytes).readAllBytes();
    }

    static ApiException tooLarge(long max) {
        return new ApiException(413, "request.too_large",
                "The request body is larger than the limit of " + max + " bytes.");
    }

    /** Counts bytes as they are read and fails once the cap is passed. */
    private static final class Capped extends FilterInputStream {
        private final long max;
        private long read;

        Capped(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b;
            try {
                b = super.read();
            } catch (IOException | RuntimeException e) {
                UnreadableBody.throwIfTheBodysFault(e);
                throw e;
            }
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                UnreadableBody.throwIfTheBodysFault(e);
                throw e;
            }
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw tooLarge(max);
            }
        }
    }
}
