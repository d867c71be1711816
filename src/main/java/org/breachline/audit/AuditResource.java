package org.breachline.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.breachline.auth.Role;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;

/** The audit log over HTTP: the listing and the chain check, for administrators and auditors. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_NAME, Role.AUDITOR_NAME})
public class AuditResource {
    private final HashChainedAuditLog audit;

    public AuditResource(HashChainedAuditLog audit) {
        this.audit = audit;
    }

    @GET
    public Page<AuditRecord> list(@QueryParam("action") String action, @QueryParam("recordType") String recordType,
                                  @QueryParam("recordId") String recordId, @QueryParam("actor") String actor,
                                  @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        return audit.list(new AuditFilter(action, recordType, recordId, actor), PageRequest.of(limit, offset));
    }

    @GET
    @Path("/verify")
    public HashChainedAuditLog.Verification verify() {
        return audit.verify();
    }
}
