package org.breachline.hooks;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * The part of {@code /hooks} that Jersey serves: the ping. Deliveries ({@code POST /hooks/{source}} and
 * {@code POST /hooks/{source}/{secret}}) are received in front of Jersey by {@link HookIngestFilter}.
 */
@Path("/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class HookResource {

    /** A trivial answer from the same service, for load balancers and as the benchmark's baseline. */
    @GET
    @Path("ping")
    public Map<String, String> ping() {
        return Map.of("status", "ok");
    }
}
