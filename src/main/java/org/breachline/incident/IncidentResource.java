package org.breachline.incident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiException;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.breachline.http.QueryParams;

import java.util.List;
import java.util.Optional;

/** Incidents over HTTP: create, list, read, edit facts, move stages, notes and the timeline. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {
    private final IncidentService incidents;

    public IncidentResource(IncidentService incidents) {
        this.incidents = incidents;
    }

    @POST
    @RolesAllowed(Role.RESPONDER_NAME)
    public Response create(@NotNull @Valid IncidentFacts facts, @Context SecurityContext security,
                           @Context UriInfo uri) {
        Incident created = incidents.create(facts, Actor.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .tag(Long.toString(created.version()))
                .entity(IncidentView.of(created)).build();
    }

    @GET
    @PermitAll
    public Page<IncidentView> list(@QueryParam("stage") String stage, @QueryParam("severity") String severity,
                                   @QueryParam("q") String text, @QueryParam("limit") String limit,
                                   @QueryParam("offset") String offset) {
        var filter = new IncidentFilter(QueryParams.enumValue("stage", stage, Stage.class).orElse(null),
                QueryParams.enumValue("severity", severity, Severity.class).orElse(null), text);
        Page<Incident> page = incidents.list(filter, PageRequest.of(limit, offset));
        return new Page<>(page.items().stream().map(IncidentView::of).toList(), page.total(), page.limit(),
                page.offset());
    }

    @GET
    @Path("/{ref}")
    @PermitAll
    public Response get(@PathParam("ref") String ref) {
        Incident incident = incidents.get(ref);
        return Response.ok(IncidentView.of(incident)).tag(Long.toString(incident.version())).build();
    }

    @PATCH
    @Path("/{ref}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @RolesAllowed(Role.RESPONDER_NAME)
    public Response patch(@PathParam("ref") String ref, @NotNull JsonNode patch,
                          @HeaderParam("If-Match") String ifMatch, @Context SecurityContext security) {
        if (!(patch instanceof ObjectNode object)) {
            throw ApiException.badRequest("request.malformed_json", "The patch must be a JSON object.", List.of());
        }
        Incident incident = incidents.patch(ref, object, version(ifMatch), Actor.of(security));
        return Response.ok(IncidentView.of(incident)).tag(Long.toString(incident.version())).build();
    }

    @POST
    @Path("/{ref}/transitions")
    @RolesAllowed(Role.RESPONDER_NAME)
    public Response transition(@PathParam("ref") String ref, @NotNull @Valid TransitionRequest request,
                               @Context SecurityContext security) {
        Incident incident = incidents.transition(ref, request, Actor.of(security));
        return Response.ok(IncidentView.of(incident)).tag(Long.toString(incident.version())).build();
    }

    @GET
    @Path("/{ref}/timeline")
    @PermitAll
    public Page<TimelineEntry> timeline(@PathParam("ref") String ref, @QueryParam("limit") String limit,
                                        @QueryParam("offset") String offset) {
        return incidents.timeline(ref, PageRequest.of(limit, offset));
    }

    @POST
    @Path("/{ref}/notes")
    @RolesAllowed(Role.RESPONDER_NAME)
    public Response addNote(@PathParam("ref") String ref, @NotNull @Valid NoteCreate note,
                            @Context SecurityContext security) {
        return Response.status(201).entity(incidents.addNote(ref, note, Actor.of(security))).build();
    }


    /** Reads an If-Match header: the version as ETag, quoted or not, weak or not. */
    private static Optional<Long> version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return Optional.empty();
        }
        if (ifMatch.trim().equals("*")) {
            return Optional.empty(); // RFC 9110: any current version; the incident exists or the answer is 404
        }
        String v = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            long version = Long.parseLong(v);
            if (version >= 1) {
                return Optional.of(version);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalidField("If-Match", "must be the incident's version (its ETag, 1 or more), e.g. \"3\"");
    }
}
