package org.breachline.hooks;

import org.breachline.text.Echo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiException;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.breachline.http.QueryParams;

import java.util.List;

/** Alert sources over HTTP: create (the secret is shown once), list, rotate, revoke; and the dead letters. */
@Path("/api/alert-sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertSourceResource {
    private final AlertSourceService sources;
    private final HookService hooks;

    public AlertSourceResource(AlertSourceService sources, HookService hooks) {
        this.sources = sources;
        this.hooks = hooks;
    }

    @POST
    @RolesAllowed(Role.ADMIN_NAME)
    public Response create(@NotNull @Valid AlertSourceCreate request, @Context SecurityContext security) {
        return Response.status(201).entity(sources.create(request, Actor.of(security))).build();
    }

    @GET
    @RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
    public List<AlertSourceView> list() {
        return sources.list().stream().map(sources::view).toList();
    }

    @POST
    @Path("{name}/rotate")
    @RolesAllowed(Role.ADMIN_NAME)
    public AlertSourceSecretView rotate(@PathParam("name") String name,
                                        @QueryParam("previousValidFor") String previousValidFor,
                                        @Context SecurityContext security) {
        return sources.rotate(name, QueryParams.duration("previousValidFor", previousValidFor)
                .orElse(java.time.Duration.ZERO), Actor.of(security));
    }

    @POST
    @Path("{name}/revoke")
    @RolesAllowed(Role.ADMIN_NAME)
    public AlertSourceView revoke(@PathParam("name") String name, @Context SecurityContext security) {
        return sources.view(sources.revoke(name, Actor.of(security)));
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed(Role.ADMIN_NAME)
    public AlertSourceView delete(@PathParam("name") String name, @Context SecurityContext security) {
        return revoke(name, security);
    }

    @GET
    @Path("dead-letters")
    @RolesAllowed(Role.ADMIN_NAME)
    public Page<DeadLetterView> deadLetters(@QueryParam("source") String source, @QueryParam("limit") String limit,
                                            @QueryParam("offset") String offset) {
        return hooks.deadLetters(source == null || source.isBlank() ? null : source, PageRequest.of(limit, offset));
    }

    @POST
    @Path("dead-letters/{id}/replay")
    @RolesAllowed(Role.ADMIN_NAME)
    public HookReceipt replay(@PathParam("id") String id, @Context SecurityContext security) {
        long deliveryId;
        try {
            deliveryId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("dead_letter.not_found", "No dead letter with id "
                    + Echo.quoted(id) + ".");
        }
        return HookReceipt.of(hooks.replay(deliveryId, Actor.of(security)));
    }

}
