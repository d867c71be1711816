package org.breachline.notify;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiException;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;

/** A campaign's failed deliveries over HTTP: list them with reasons, and queue them again. */
@Path("/api/campaigns/{id}/failures")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignFailuresResource {
    private final CampaignFailures failures;

    public CampaignFailuresResource(CampaignFailures failures) {
        this.failures = failures;
    }

    @GET
    @PermitAll
    public Page<FailedDeliveryView> list(@PathParam("id") String id, @QueryParam("channel") String channel,
                                         @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return failures.list(id, channel(channel), PageRequest.of(limit, offset));
    }

    @POST
    @Path("/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.RESPONDER_NAME)
    public CampaignView retry(@PathParam("id") String id, DeliveryRetry request, @Context SecurityContext security) {
        return failures.retry(id, request == null ? DeliveryRetry.everyFailure() : request, Actor.of(security));
    }

    private static Channel channel(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("channel", "must be one of " + java.util.Arrays.toString(Channel.values()));
        }
    }
}
