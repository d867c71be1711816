package org.breachline.people;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.PageRequest;
import org.breachline.rules.Jurisdiction;
import org.breachline.text.Echo;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Affected people over HTTP: import a file, list people and counts, download an import's rejections. */
@Path("/api/incidents/{ref}/people")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {
    /** Paths whose bodies may exceed the general body limit, for {@link org.breachline.http.BodySizeLimit}. */
    public static final String IMPORT_PATH = "api/incidents/[^/]+/people/?";

    private final PeopleService people;

    public PeopleResource(PeopleService people) {
        this.people = people;
    }

    // Any media type is let in so that a wrong one is answered after authorisation, in our error shape.
    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Role.RESPONDER_NAME)
    public Response importPeople(@PathParam("ref") String ref, @HeaderParam("Content-Type") String contentType,
                                 InputStream body, @Context SecurityContext security) {
        ImportFormat format = formatOf(contentType);
        ImportReport report = people.importPeople(ref, format, body, Actor.of(security));
        return Response.status(201).entity(report).build();
    }

    @GET
    @PermitAll
    public PeopleOverview list(@PathParam("ref") String ref, @QueryParam("jurisdiction") String jurisdiction,
                               @QueryParam("contact") String contact, @QueryParam("limit") String limit,
                               @QueryParam("offset") String offset, @Context SecurityContext security) {
        boolean withContact = flag("contact", contact);
        if (withContact && !(security.isUserInRole(Role.APPROVER_NAME))) {
            throw new ApiException(403, "auth.forbidden", "Contact data is shown only to ADMIN and APPROVER; "
                    + "leave out contact=true to list people without it.");
        }
        String code = jurisdiction == null ? "" : jurisdiction.trim();
        if (!code.isEmpty() && !code.equals(PeopleService.UNKNOWN_JURISDICTION) && !Jurisdiction.isValid(code)) {
            throw ApiException.invalidField("jurisdiction", Jurisdiction.problemWith(code)
                    + ", or unknown for the people without one");
        }
        return people.list(ref, Optional.ofNullable(jurisdiction).map(String::trim).filter(j -> !j.isEmpty()),
                PageRequest.of(limit, offset), withContact, Actor.of(security));
    }

    @GET
    @Path("/imports/{importId}/rejections")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @PermitAll
    public Response rejections(@PathParam("ref") String ref, @PathParam("importId") String importId) {
        UUID id;
        try {
            id = UUID.fromString(importId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("people.import_not_found", "There is no import with this id.");
        }
        ImportRecord record = people.findImport(ref, id);
        StreamingOutput csv = out -> people.writeRejections(ref, record.id(), out);
        return Response.ok(csv, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"rejections-" + record.id() + ".csv\"")
                .build();
    }

    private static ImportFormat formatOf(String contentType) {
        MediaType type = mediaTypeOf(contentType);
        requireUtf8(type);
        return switch (type.getType() + "/" + type.getSubtype()) {
            case "text/csv" -> ImportFormat.CSV;
            case "application/x-ndjson", "application/jsonl", "application/json-lines" -> ImportFormat.JSON_LINES;
            default -> throw new ApiException(415, "request.unsupported_media_type",
                    "Send the file as text/csv or application/x-ndjson (JSON lines).",
                    List.of(new ApiError.Detail("Content-Type",
                            "must be text/csv or application/x-ndjson")));
        };
    }

    private static MediaType mediaTypeOf(String contentType) {
        try {
            // Lower case: JAX-RS compares types and subtypes ignoring case, our switch does not.
            return MediaType.valueOf(contentType == null ? "*/*" : contentType.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return MediaType.WILDCARD_TYPE; // answered as any other type we do not read
        }
    }

    /** A declared charset other than UTF-8 (or its subset ASCII) would be read wrongly: better refused, saying so. */
    private static void requireUtf8(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equals("utf-8") && !charset.equals("utf8") && !charset.equals("us-ascii")) {
            throw new ApiException(415, "request.unsupported_media_type", "Imports are read as UTF-8; "
                    + "this file declares charset " + Echo.quoted(charset)
                    + ". Save it as UTF-8 (Excel: \"CSV UTF-8\") and send it with charset=utf-8 or none.",
                    List.of(new ApiError.Detail("Content-Type", "charset must be utf-8")));
        }
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.invalidField(name, "must be true or false");
        };
    }
}
