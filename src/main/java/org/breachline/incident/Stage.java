package org.breachline.incident;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stages of an incident's life. The legal moves between them are data here: one step forward at a time,
 * straight from detection to closed for a false positive, and from closed back to any open stage as a reopen.
 */
public enum Stage {
    DETECTION, CONTAINMENT, ASSESSMENT, NOTIFICATION, CLOSED;

    /** The kind of a move, which decides what it needs and how the timeline names it. */
    public enum MoveKind { ADVANCE, FALSE_POSITIVE, REOPEN }

    public Optional<MoveKind> moveTo(Stage target) {
        if (this == CLOSED) {
            return target == CLOSED ? Optional.empty() : Optional.of(MoveKind.REOPEN);
        }
        if (target.ordinal() == ordinal() + 1) {
            return Optional.of(MoveKind.ADVANCE);
        }
        if (this == DETECTION && target == CLOSED) {
            return Optional.of(MoveKind.FALSE_POSITIVE);
        }
        return Optional.empty();
    }

    public List<Stage> reachable() {
        return Arrays.stream(values()).filter(s -> moveTo(s).isPresent()).toList();
    }
}
