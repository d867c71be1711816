package org.breachline.notify;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;

import java.util.List;
import java.util.Map;

/** An incident's campaigns over HTTP: draft one, list them, preview a notice for sample people. */
@Path("/api/incidents/{ref}/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentCampaignsResource {
    private final CampaignService campaigns;

    public IncidentCampaignsResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @RolesAllowed(Role.RESPONDER_NAME)
    public Response create(@PathParam("ref") String ref, @NotNull @Valid CampaignCreate request,
                           @Context SecurityContext security) {
        CampaignView created = campaigns.create(ref, request, Actor.of(security));
        return Response.status(201).header("Location", "/api/campaigns/" + created.id()).entity(created).build();
    }

    @GET
    @PermitAll
    public List<CampaignView> list(@PathParam("ref") String ref) {
        return campaigns.list(ref);
    }

    @POST
    @Path("/preview")
    @RolesAllowed(Role.RESPONDER_NAME)
    public Map<Channel, List<NoticePreview>> preview(@PathParam("ref") String ref,
                                                     @NotNull @Valid CampaignCreate request) {
        return campaigns.preview(ref, request);
    }
}
