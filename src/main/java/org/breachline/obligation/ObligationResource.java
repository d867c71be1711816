package org.breachline.obligation;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.breachline.auth.Actor;
import org.breachline.auth.Role;
import org.breachline.http.ApiException;

import java.util.List;

/** An incident's obligations and the filings that satisfy them. */
@Path("/api/incidents/{ref}/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ObligationResource {
    private final ObligationService obligations;

    public ObligationResource(ObligationService obligations) {
        this.obligations = obligations;
    }

    @GET
    @PermitAll
    public List<ObligationView> list(@PathParam("ref") String ref) {
        return obligations.list(ref);
    }

    @POST
    @Path("/{obligationId}/fulfil")
    @RolesAllowed(Role.APPROVER_NAME)
    public ObligationView fulfil(@PathParam("ref") String ref, @PathParam("obligationId") String obligationId,
                                 @Valid Fulfilment fulfilment, @Context SecurityContext security) {
        long id;
        try {
            id = Long.parseLong(obligationId);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("obligation.not_found", "No obligation " + obligationId + ".");
        }
        return obligations.fulfil(ref, id, fulfilment == null ? new Fulfilment(null, null, null) : fulfilment,
                Actor.of(security));
    }
}
