package org.breachline.incident;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A free-text note added to an incident's timeline. */
public record NoteCreate(@NotBlank @Size(max = 20000) String text) {
}
