package org.breachline.notify;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
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

import java.util.List;

/**
 * One campaign over HTTP: read it with its progress, edit it while a draft, and move it through approval, launch,
 * pause, resume, cancel.
 */
@Path("/api/campaigns/{id}")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {
    private final CampaignService campaigns;

    public CampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GET
    @PermitAll
    public CampaignView get(@PathParam("id") String id) {
        return campaigns.get(id);
    }

    /** Changes a DRAFT by a JSON merge patch of its content; 409 campaign.not_editable once approved. */
    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Role.RESPONDER_NAME)
    public CampaignView edit(@PathParam("id") String id, @NotNull JsonNode patch, @Context SecurityContext security) {
        if (!(patch instanceof ObjectNode object)) {
            throw ApiException.badRequest("request.malformed_json", "The patch must be a JSON object.", List.of());
        }
        return campaigns.edit(id, object, Actor.of(security));
    }

    @POST
    @Path("/approve")
    @RolesAllowed(Role.APPROVER_NAME)
    public CampaignView approve(@PathParam("id") String id, @Context SecurityContext security) {
        return campaigns.approve(id, Actor.of(security));
    }

    @POST
    @Path("/launch")
    @RolesAllowed({Role.RESPONDER_NAME, Role.APPROVER_NAME})
    public CampaignView launch(@PathParam("id") String id, @QueryParam("overrideCapacity") String override,
                               @Context SecurityContext security) {
        boolean overrideCapacity;
        if (override == null || override.isBlank() || override.equals("false")) {
            overrideCapacity = false;
        } else if (override.equals("true")) {
            overrideCapacity = true;
        } else {
            throw ApiException.invalidField("overrideCapacity", "must be true or false");
        }
        return campaigns.launch(id, overrideCapacity, Actor.of(security));
    }

    @POST
    @Path("/pause")
    @RolesAllowed(Role.RESPONDER_NAME)
    public CampaignView pause(@PathParam("id") String id, @Context SecurityContext security) {
        return campaigns.pause(id, Actor.of(security));
    }

    @POST
    @Path("/resume")
    @RolesAllowed(Role.RESPONDER_NAME)
    public CampaignView resume(@PathParam("id") String id, @Context SecurityContext security) {
        return campaigns.resume(id, Actor.of(security));
    }

    @POST
    @Path("/cancel")
    @RolesAllowed({Role.RESPONDER_NAME, Role.APPROVER_NAME})
    public CampaignView cancel(@PathParam("id") String id, @Context SecurityContext security) {
        return campaigns.cancel(id, Actor.of(security));
    }

}
