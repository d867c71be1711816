package org.breachline.incident;

import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.Instant;
import java.util.UUID;

/** One append-only line of an incident's history: when, who, what kind, words, and structured particulars. */
public record TimelineEntry(long id, UUID incidentId, Instant at, String actor, TimelineKind kind, String text,
                            @JsonRawValue String data) {
}
