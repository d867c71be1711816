package org.breachline.incident;

import java.time.Instant;
import java.util.UUID;

/** An incident as stored: identity, stage, optimistic-lock version and facts. */
public record Incident(UUID id, String key, Stage stage, long version, IncidentFacts facts, Instant closedAt,
                       Instant createdAt, String createdBy, Instant updatedAt) {
}
