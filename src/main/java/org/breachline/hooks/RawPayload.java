package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of one delivery exactly as the sender posted them, kept as evidence and for re-parsing; every alert of a
 * grouped delivery shares the same instance.
 */
public record RawPayload(byte[] bytes) {

    public RawPayload {
        if (bytes == null) {
            throw new IllegalArgumentException("payload bytes are required");
        }
        bytes = bytes.clone();
    }

    /** Returns a copy, so that no holder can change the evidence. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The payload as text; every format we read is JSON, which is UTF-8 on the wire. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawPayload that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    // Payloads may carry personal data: never let a log line or an exception message print them by accident.
    @Override
    public String toString() {
        return "RawPayload[" + bytes.length + " bytes]";
    }
}
