package org.breachline.hooks;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.breachline.http.ApiException;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
    public void receive(@PathParam("source") String source, @Context HttpHeaders headers, @Context UriInfo uri,
                        byte[] body, @Suspended AsyncResponse response) {
        answer(hooks.receive(source, new HookRequest(uri.getPath(), headers.getRequestHeaders(), body)), response);
    }

    @POST
    @Path("{source}/{secret}")
    @Consumes(MediaType.WILDCARD)
    public void receiveWithPathSecret(@PathParam("source") String source, @Context HttpHeaders headers,
                                      @Context UriInfo uri, byte[] body, @Suspended AsyncResponse response) {
        answer(hooks.receive(source, new HookRequest(uri.getPath(), headers.getRequestHeaders(), body)), response);
    }

    /** A trivial answer from the same service, for load balancers and as the benchmark's baseline. */
    @GET
    @Path("ping")
    public Map<String, String> ping() {
        return Map.of("status", "ok");
    }

    // Resumed where the delivery completes (the batch writer's thread after its commit), so that the request thread
    // is free while the delivery waits for its batch: blocking it cost more CPU than storing (the hook benchmark).
    private static void answer(CompletableFuture<HookOutcome> outcome, AsyncResponse response) {
        outcome.whenComplete((done, failure) -> {
            if (failure != null) {
                response.resume(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
                return;
            }
            try {
                response.resume(answer(done));
            } catch (ApiException refused) {
                response.resume(refused);
            }
        });
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
