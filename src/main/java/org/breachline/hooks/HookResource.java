package org.breachline.hooks;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.breachline.http.ApiException;

import java.util.Map;

/**
 * Where monitoring and SIEM systems post alerts. Outside {@code /api}: each delivery is authenticated by its source's
 * own secret, not by a bearer token of ours. The body is read as bytes, since signatures are over the bytes as sent.
 */
@Path("/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class HookResource {
    private final HookService hooks;

    public HookResource(HookService hooks) {
        this.hooks = hooks;
    }

    @POST
    @Path("{source}")
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("source") String source, @Context HttpHeaders headers, @Context UriInfo uri,
                            byte[] body) {
        return answer(hooks.receive(source, new HookRequest(uri.getPath(), headers.getRequestHeaders(), body)));
    }

    @POST
    @Path("{source}/{secret}")
    @Consumes(MediaType.WILDCARD)
    public Response receiveWithPathSecret(@PathParam("source") String source, @Context HttpHeaders headers,
                                          @Context UriInfo uri, byte[] body) {
        return answer(hooks.receive(source, new HookRequest(uri.getPath(), headers.getRequestHeaders(), body)));
    }

    /** A trivial answer from the same service, for load balancers and as the benchmark's baseline. */
    @GET
    @Path("ping")
    public Map<String, String> ping() {
        return Map.of("status", "ok");
    }

    private static Response answer(HookOutcome outcome) {
        if (outcome instanceof HookOutcome.Rejected rejected) {
            // 429 only for floods of failing deliveries; a genuine sender's delivery is never refused for volume.
            throw rejected.flood()
                    ? new ApiException(429, "hook.too_many_failures",
                            "Too many deliveries to this source failed authentication; try again later.")
                    : new ApiException(401, rejected.code(), rejected.message());
        }
        if (outcome instanceof HookOutcome.DeadLettered dead) {
            throw HookService.malformed(dead);
        }
        // 202 for what was stored (applied or queued); 200 for a repeat we had already accepted.
        int status = outcome instanceof HookOutcome.Duplicate ? 200 : 202;
        // The type is stated so that Jersey does not negotiate it per request (measured in the hook benchmark).
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(HookReceipt.of(outcome)).build();
    }
}
