package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A delivery that could not be read, as an admin sees it before replaying it. */
public record DeadLetterView(long id, String source, Instant receivedAt, String code, String reason, int payloadSize,
                             String payload, Instant replayedAt, String replayedBy) {
    static final int MAX_SHOWN = 64 * 1024;

    static DeadLetterView of(DeliveryRow row) {
        byte[] bytes = row.payload();
        String payload = bytes.length <= MAX_SHOWN ? new String(bytes, StandardCharsets.UTF_8)
                : new String(bytes, 0, MAX_SHOWN, StandardCharsets.UTF_8) + "…";
        return new DeadLetterView(row.id(), row.source(), row.receivedAt(), row.errorCode(), row.errorMessage(),
                row.payloadSize(), payload, row.replayedAt(), row.replayedBy());
    }
}
