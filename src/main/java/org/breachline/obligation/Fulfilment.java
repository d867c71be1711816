package org.breachline.obligation;

import jakarta.validation.constraints.Size;

import java.time.Instant;

/** A filing made to satisfy an obligation: when (default now), the reference the recipient gave, and a note. */
public record Fulfilment(Instant at, @Size(max = 200) String reference, @Size(max = 5000) String note) {
}
