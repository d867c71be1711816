package org.breachline.obligation;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.breachline.http.ApiException;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The on-call view: every open obligation across incidents due within a horizon, soonest first. */
@Path("/api/deadlines")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlinesResource {
    private final ObligationService obligations;

    public DeadlinesResource(ObligationService obligations) {
        this.obligations = obligations;
    }

    @GET
    @PermitAll
    public Page<DeadlineView> deadlines(@QueryParam("within") String within, @QueryParam("limit") String limit,
                                        @QueryParam("offset") String offset) {
        Duration horizon;
        try {
            horizon = within == null || within.isBlank() ? Duration.ofDays(7) : Duration.parse(within.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField("within", "must be an ISO-8601 duration such as P7D or PT12H");
        }
        if (horizon.isNegative() || horizon.compareTo(Duration.ofDays(366)) > 0) {
            throw ApiException.invalidField("within", "must be between PT0S and P366D");
        }
        return obligations.dueWithin(horizon, PageRequest.of(limit, offset));
    }
}
