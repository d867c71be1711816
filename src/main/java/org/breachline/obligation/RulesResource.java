package org.breachline.obligation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.breachline.rules.RulesEngine;
import org.breachline.rules.RulesJson;

/** The deadline engine as a what-if tool: facts in, obligations out, nothing stored. */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class RulesResource {
    private final RulesEngine engine;

    public RulesResource(RulesEngine engine) {
        this.engine = engine;
    }

    @POST
    @Path("/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    public ObjectNode evaluate(@NotNull JsonNode facts) {
        return RulesJson.evaluationTree(engine.evaluate(RulesJson.readFacts(facts)));
    }

    @GET
    public ArrayNode list() {
        return RulesJson.rulesTree(engine.rulebook().rules());
    }
}
