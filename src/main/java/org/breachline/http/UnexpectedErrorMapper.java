package org.breachline.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The last resort: logs the failure under an id and answers 500 with that id, never the stack trace or SQL.
 * Exceptions with a mapper of their own are delegated back to it (Jersey picks the closest mapper, and this one
 * is only closest for what nothing else handles).
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (e instanceof WebApplicationException w) {
            return new WebErrorMapper().toResponse(w);
        }
        var wrapped = ApiExceptionMapper.within(e);
        if (wrapped.isPresent()) {
            return ErrorResponses.of(wrapped.get().status(), wrapped.get().error());
        }
        return ErrorResponses.of(500, logged(e));
    }

    /** Logs an unexpected failure under a fresh id and answers the 500 body that names only that id. */
    public static ApiError logged(Throwable e) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
        LOG.error("Unexpected error {}", id, e);
        return new ApiError("server.error", "The server could not complete the request (error id " + id + ").",
                java.util.List.of());
    }
}
