package org.breachline.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Jetty's own errors (a request it cannot parse before any resource sees it) in the same JSON shape as the
 * rest of the API, instead of Jetty's HTML page.
 */
public class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Jetty writes an error body only for GET, POST and HEAD; a PATCH, DELETE or TRACE deserves one too. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status, reason));
    }

    /** The same codes the resources' mappers give for the same statuses, so a client handles one list. */
    static String code(int status) {
        return switch (status) {
            case 405 -> "request.method_not_allowed";
            case 408 -> "request.timeout";
            case 413 -> "request.too_large";
            case 414 -> "request.uri_too_long";
            case 431 -> "request.headers_too_large";
            case 505 -> "request.http_version_unsupported";
            default -> status >= 500 ? "server.error" : "request.unreadable";
        };
    }

    private static byte[] body(int status, String reason) {
        String message = "The request could not be processed (HTTP " + status
                + (reason == null || reason.isBlank() ? "" : ": " + reason) + ").";
        try {
            return JSON.writeValueAsString(new ApiError(code(status), message, List.of()))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            return "{\"code\":\"server.error\",\"message\":\"error\",\"details\":[]}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
