package org.breachline.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** Builds JAX-RS responses in the single error shape. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static Response of(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    public static Response of(int status, String code, String message) {
        return of(status, new ApiError(code, message, List.of()));
    }
}
