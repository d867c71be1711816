package org.breachline.incident;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An incident as the API shows it: its facts inline, plus what stage moves are open from here. */
@JsonPropertyOrder({"id", "key", "stage", "version"})
public record IncidentView(UUID id, String key, Stage stage, long version, @JsonUnwrapped IncidentFacts facts,
                          Instant closedAt, Instant createdAt, String createdBy, Instant updatedAt,
                          List<Stage> allowedTransitions) {
    static IncidentView of(Incident i) {
        return new IncidentView(i.id(), i.key(), i.stage(), i.version(), i.facts(), i.closedAt(), i.createdAt(),
                i.createdBy(), i.updatedAt(), i.stage().reachable());
    }
}
