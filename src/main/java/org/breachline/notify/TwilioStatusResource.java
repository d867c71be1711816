package org.breachline.notify;

import com.twilio.security.RequestValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Twilio's message status callbacks. The signature is checked over every parameter received (Twilio adds fields
 * without notice) against the public URL this service is configured with, not the one a proxy forwarded to.
 */
@Path(TwilioStatusResource.PATH)
public class TwilioStatusResource {
    public static final String PATH = "/hooks/twilio/status";

    private final SmsStatusService statuses;
    private final RequestValidator validator;
    private final String publicUrl;

    public TwilioStatusResource(SmsStatusService statuses, String authToken, String publicBaseUrl) {
        this.statuses = statuses;
        this.validator = authToken == null ? null : new RequestValidator(authToken);
        this.publicUrl = publicBaseUrl.replaceAll("/+$", "") + PATH;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response status(String form, @HeaderParam("X-Twilio-Signature") String signature,
                           @Context UriInfo uri) {
        // The codes and statuses are those of the alert hooks, so one alert rule covers every /hooks path.
        if (signature == null || signature.isBlank()) {
            throw new ApiException(401, "hook.credentials_missing", "The X-Twilio-Signature header is required.");
        }
        Map<String, String> params = parameters(form);
        String query = uri.getRequestUri().getRawQuery();
        String url = publicUrl + (query == null ? "" : "?" + query);
        if (validator == null || !validator.validate(url, params, signature)) {
            throw new ApiException(401, "hook.signature_invalid", "The X-Twilio-Signature does not match this request.");
        }
        List<ApiError.Detail> missing = Stream.of("MessageSid", "MessageStatus")
                .filter(name -> params.get(name) == null || params.get(name).isBlank())
                .map(name -> new ApiError.Detail(name, "is required")).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("hook.payload_malformed", "MessageSid and MessageStatus are required.", missing);
        }
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        statuses.record(sid, status, params.get("ErrorCode"));
        return Response.noContent().build();
    }

    /**
     * The form's parameters, the first value of each name. Read here rather than by Jersey, whose refusal of a broken
     * form (a % without two hex digits) was a bare "request rejected" in no hook's words.
     */
    static Map<String, String> parameters(String form) {
        Map<String, String> params = new HashMap<>();
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("hook.payload_malformed", "The form is not valid "
                        + "application/x-www-form-urlencoded: a % must be followed by two hexadecimal digits.",
                        List.of(new ApiError.Detail("(body)", "is not a valid form")));
            }
        }
        return params;
    }

    /** Any other body type: Twilio only ever sends a form, and the generic 415 would ask for JSON. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response notAForm() {
        throw new ApiException(415, "request.unsupported_media_type",
                "Twilio's status callbacks are forms; send application/x-www-form-urlencoded.");
    }
}
