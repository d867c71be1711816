package org.breachline.people;

import java.time.Instant;
import java.util.UUID;

/**
 * An affected person as stored: sealed contact fields, and the blind index of the reference that identifies them
 * within the incident (public for JDBI only). Sealed values are in {@link org.breachline.crypto.AtRestCipher}'s binary
 * form; the record compares them by identity, which is all the import needs (it asks whether a merge changed anything).
 */
public record StoredPerson(Long id, UUID incidentId, UUID referenceIndex, byte[] referenceSealed, byte[] nameSealed,
                           byte[] emailSealed, byte[] phoneSealed, String locale, String jurisdiction, UUID lastImportId,
                           Instant createdAt, Instant updatedAt, Instant contactPurgedAt) {

    // Sealed values are not secret-free either: keep them out of logs.
    @Override
    public String toString() {
        return "StoredPerson[id=" + id + "]";
    }
}
