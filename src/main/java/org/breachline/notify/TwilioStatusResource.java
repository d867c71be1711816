package org.breachline.notify;

import com.twilio.security.RequestValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;

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
    public Response status(MultivaluedMap<String, String> form, @HeaderParam("X-Twilio-Signature") String signature,
                           @Context UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        form.forEach((name, values) -> params.put(name, values.isEmpty() ? "" : values.get(0)));
        String query = uri.getRequestUri().getRawQuery();
        String url = publicUrl + (query == null ? "" : "?" + query);
        // The codes and statuses are those of the alert hooks, so one alert rule covers every /hooks path.
        if (signature == null || signature.isBlank()) {
            throw new ApiException(401, "hook.credentials_missing", "The X-Twilio-Signature header is required.");
        }
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

    /** Any other body type: Twilio only ever sends a form, and the generic 415 would ask for JSON. */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response notAForm() {
        throw new ApiException(415, "request.unsupported_media_type",
                "Twilio's status callbacks are forms; send application/x-www-form-urlencoded.");
    }
}
