package org.breachline.hooks;

import java.time.Instant;

/** A {@code hook_delivery} row as stored. */
public record DeliveryRow(long id, String source, Instant receivedAt, String status, byte[] payload, int payloadSize,
                   String payloadSha256, Integer alertCount, String errorCode, String errorMessage,
                   Long coalescedInto, Instant processedAt, Instant replayedAt, String replayedBy) {

    @Override
    public String toString() {
        return "DeliveryRow[" + id + ", " + source + ", " + status + ", " + payloadSize + " bytes]";
    }
}
