package org.breachline.rules;

import java.time.Instant;

/** The outcome of counting one rule's clock: due at an instant, open-ended, waiting to start, or paused. */
sealed interface Deadline {

    String basis();

    /** A fixed due instant. */
    record Due(Instant at, String basis) implements Deadline {
    }

    /** No number in the law; {@code target} is the internal target, or null while the start is unknown. */
    record Open(Instant target, String basis) implements Deadline {
    }

    /** The starting event has not happened yet. */
    record Waiting(String basis) implements Deadline {
    }

    /** Paused by a law-enforcement delay. */
    record Tolled(String basis) implements Deadline {
    }
}
