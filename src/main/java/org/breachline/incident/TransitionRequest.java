package org.breachline.incident;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A request to move an incident to another stage, with a note for the timeline and a reason when reopening. */
public record TransitionRequest(@NotNull Stage to, @Size(max = 5000) String note, @Size(max = 5000) String reason) {
}
