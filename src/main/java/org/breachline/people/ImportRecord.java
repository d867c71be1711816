package org.breachline.people;

import java.time.Instant;
import java.util.UUID;

/** One finished import of an incident's people, with its counts (public for JDBI only). */
public record ImportRecord(UUID id, UUID incidentId, String format, String importedBy, Instant importedAt,
                           long accepted, long rejected, long inserted, long updated, long unchanged,
                           long duplicatesMerged) {
}
