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
import org.breachline.http.ApiException;

import java.util.HashMap;
import java.util.Map;

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
        if (validator == null || signature == null || !validator.validate(url, params, signature)) {
            throw new ApiException(403, "hooks.bad_signature", "The X-Twilio-Signature does not match this request.");
        }
        String sid = params.get("MessageSid");
        String status = params.get("MessageStatus");
        if (sid == null || sid.isBlank() || status == null || status.isBlank()) {
            throw new ApiException(400, "hooks.missing_field", "MessageSid and MessageStatus are required.");
        }
        statuses.record(sid, status, params.get("ErrorCode"));
        return Response.noContent().build();
    }
}
