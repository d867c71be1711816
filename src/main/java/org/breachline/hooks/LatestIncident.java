package org.breachline.hooks;

import java.time.Instant;
import java.util.Objects;

/** What the service found for an alert's (source, fingerprint): the most recent incident it belongs to, if any. */
public sealed interface LatestIncident {

    /** No incident was ever opened for this fingerprint. */
    record None() implements LatestIncident {
    }

    /**
     * The most recent incident of this fingerprint.
     *
     * @param incidentId  the incident's identifier as the service knows it
     * @param open        false once the incident is closed
     * @param openedAt    when it was opened
     * @param lastAlertAt when the last alert of this fingerprint was received on it (at least {@code openedAt})
     */
    record Found(String incidentId, boolean open, Instant openedAt, Instant lastAlertAt) implements LatestIncident {
        public Found {
            Objects.requireNonNull(incidentId, "incidentId");
            Objects.requireNonNull(openedAt, "openedAt");
            Objects.requireNonNull(lastAlertAt, "lastAlertAt");
        }
    }
}
