package org.breachline.hooks;

import java.util.Objects;

/** What to do with a received alert, as decided by {@link DedupPolicy}. */
public sealed interface DedupDecision {

    /** Open a new incident from the alert. */
    record OpenNewIncident(Because because) implements DedupDecision {
        public OpenNewIncident {
            Objects.requireNonNull(because, "because");
        }
    }

    /** Add the alert to the timeline of an existing incident; a closed incident is never reopened by it. */
    record AppendToIncident(String incidentId, Because because) implements DedupDecision {
        public AppendToIncident {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(because, "because");
        }
    }

    /** Keep the alert as received (with its payload), but open and change no incident. */
    record RecordOnly(Because because) implements DedupDecision {
        public RecordOnly {
            Objects.requireNonNull(because, "because");
        }
    }

    /** Why the decision was made, for the timeline and the alert's record. */
    enum Because {
        FIRST_ALERT_OF_FINGERPRINT,
        LATEST_INCIDENT_CLOSED,
        QUIET_LONGER_THAN_WINDOW,
        REPEATS_WITHIN_WINDOW,
        RESOLVES_OPEN_INCIDENT,
        RESOLVED_WITHOUT_OPEN_INCIDENT
    }
}
