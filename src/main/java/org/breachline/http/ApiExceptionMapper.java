package org.breachline.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers an {@link ApiException} with its own status and body. */
@Provider
public class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        return ErrorResponses.of(e.status(), e.error());
    }

    /** An ApiException somewhere in the cause chain, as when a body limit trips inside Jackson's reading. */
    static java.util.Optional<ApiException> within(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiException api) {
                return java.util.Optional.of(api);
            }
        }
        return java.util.Optional.empty();
    }
}
