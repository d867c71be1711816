package org.breachline.http;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.glassfish.jersey.server.ParamException;

/** Jersey's own HTTP errors (no such route, wrong method or media type, bad parameter) in our error shape. */
@Provider
public class WebErrorMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (e instanceof ParamException p) {
            String name = p.getParameterName();
            return ErrorResponses.of(400, new ApiError("request.invalid_parameter",
                    "Parameter '" + name + "' has an invalid value.",
                    java.util.List.of(new ApiError.Detail(name, "has an invalid value"))));
        }
        String code;
        String message;
        if (e instanceof NotFoundException) {
            code = "request.no_such_resource";
            message = "There is no resource at this path.";
        } else if (e instanceof NotAllowedException) {
            code = "request.method_not_allowed";
            message = "This method is not allowed here; allowed: "
                    + String.join(", ", new java.util.TreeSet<>(original.getAllowedMethods())) + ".";
        } else if (e instanceof NotSupportedException) {
            code = "request.unsupported_media_type";
            message = "This media type is not accepted here; send application/json.";
        } else if (e instanceof NotAcceptableException) {
            code = "request.not_acceptable";
            message = "The requested response media type is not available.";
        } else if (status == 401) {
            code = "auth.unauthenticated";
            message = "A valid bearer token is required.";
        } else if (status == 403) {
            code = "auth.forbidden";
            message = "Your role is not allowed to do this.";
        } else if (status >= 500) {
            code = "server.error";
            message = "The server could not complete the request.";
        } else {
            code = "request.rejected";
            message = "The request was rejected (HTTP " + status + ").";
        }
        Response.ResponseBuilder rb = Response.fromResponse(ErrorResponses.of(status, code, message));
        original.getHeaders().forEach((k, v) -> {
            if (k.equalsIgnoreCase("Allow") || k.equalsIgnoreCase("WWW-Authenticate")) {
                v.forEach(val -> rb.header(k, val));
            }
        });
        return rb.build();
    }
}
