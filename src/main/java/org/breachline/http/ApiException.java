package org.breachline.http;

import java.util.List;

/** A failure the client can act on, carrying its HTTP status and the body it is answered with. */
public class ApiException extends RuntimeException {
    private final int status;
    private final ApiError error;

    public ApiException(int status, String code, String message, List<ApiError.Detail> details) {
        super(message);
        this.status = status;
        this.error = new ApiError(code, message, details);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public int status() {
        return status;
    }

    public ApiError error() {
        return error;
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException badRequest(String code, String message, List<ApiError.Detail> details) {
        return new ApiException(400, code, message, details);
    }

    public static ApiException invalidField(String field, String problem) {
        return new ApiException(400, "request.invalid_field", field + ": " + problem,
                List.of(new ApiError.Detail(field, problem)));
    }

    public static ApiException conflict(String code, String message, List<ApiError.Detail> details) {
        return new ApiException(409, code, message, details);
    }
}
