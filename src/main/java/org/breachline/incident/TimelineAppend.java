package org.breachline.incident;

import org.breachline.auth.Actor;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** One entry another feature adds to an incident's timeline; see {@link IncidentService#appendTimeline(org.jdbi.v3.core.Handle, java.util.List)}. */
public record TimelineAppend(UUID incidentId, Actor actor, TimelineKind kind, String text, Map<String, ?> data) {
    public TimelineAppend {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(data, "data");
    }
}
