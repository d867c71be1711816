package org.breachline.http;

import org.eclipse.jetty.http.HttpException;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipException;

/**
 * A request body the connection could not deliver whole (broken chunking, bytes that are not the gzip they claim to
 * be, a sender that stopped before its announced length) is the sender's fault: a 4xx naming it, not a 500 logged
 * as our failure. {@link BodySizeLimit} applies it to every body it reads, for the resources and the hook filter.
 */
public final class UnreadableBody {
    private UnreadableBody() {
    }

    /**
     * Throws the 4xx for a failure while reading a request body, when it was the body's fault. Only for failures of
     * the body's stream: an EOF or timeout elsewhere (a database connection, say) is ours.
     */
    static void throwIfTheBodysFault(Exception failure) {
        Optional<ApiException> answer = of(failure);
        if (answer.isPresent()) {
            throw answer.get();
        }
    }

    static Optional<ApiException> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ZipException) {
                return Optional.of(new ApiException(400, "request.body_unreadable",
                        "The request body is not valid gzip, as its Content-Encoding says it is."));
            }
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return Optional.of(new ApiException(408, "request.timeout",
                        "The rest of the request body did not arrive in time."));
            }
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return Optional.of(new ApiException(h.getCode() == 408 ? 408 : 400,
                        h.getCode() == 408 ? "request.timeout" : "request.body_unreadable", endedEarly()));
            }
            if (t instanceof EOFException) {
                return Optional.of(new ApiException(400, "request.body_unreadable", endedEarly()));
            }
        }
        return Optional.empty();
    }

    private static String endedEarly() {
        return "The request body could not be read whole: it ended before its announced length, its final chunk or "
                + "the end of its gzip stream, or the chunked encoding is broken.";
    }
}
