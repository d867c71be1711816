package org.breachline.notify;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the deadline of an incident's notices comes from when a campaign names none: typically the earliest open
 * obligation to notify individuals. Implement it over the obligations feature; until one exists there is no deadline.
 */
public interface DeadlineSource {
    /** The earliest time the incident's notices to people are due, with a few words saying why. */
    Optional<Due> earliestFor(UUID incidentId);

    /** A due time and its reason, for example "gdpr-art34 (DE): without undue delay, internal target". */
    record Due(Instant at, String source) {
    }

    DeadlineSource NONE = incidentId -> Optional.empty();
}
