package org.breachline.people;

import java.time.Instant;
import java.util.UUID;

/**
 * An affected person as stored: sealed contact fields, and the blind index of the reference that identifies them
 * within the incident (public for JDBI only).
 */
public record StoredPerson(Long id, UUID incidentId, String referenceIndex, String referenceSealed, String nameSealed,
                           String emailSealed, String phoneSealed, String locale, String jurisdiction, UUID lastImportId,
                           Instant createdAt, Instant updatedAt, Instant contactPurgedAt) {

    // Sealed values are not secret-free either: keep them out of logs.
    @Override
    public String toString() {
        return "StoredPerson[id=" + id + "]";
    }
}
