package org.breachline.people;

import org.breachline.crypto.AtRestKeyRing;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deterministic keyed hash (HMAC-SHA256) of a contact value, stored beside its ciphertext so that people can be
 * found and deduplicated by reference without decrypting. The index key must never rotate without rehashing
 * every row, so it is separate from the encryption keys. Thread-safe.
 */
public final class BlindIndex {
    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;
    // Looking up and keying a Mac costs more than hashing a short value; doFinal resets it, so each thread keeps one.
    private final ThreadLocal<Mac> macs;

    public BlindIndex(AtRestKeyRing keys) {
        this.key = new SecretKeySpec(Objects.requireNonNull(keys, "keys").indexKey(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("index key rejected", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * The lower-case hex HMAC of {@code value} within {@code purpose} (such as {@code "email"}); the purpose keeps
     * equal values of different fields apart.
     */
    public String of(String purpose, String value) {
        return HexFormat.of().formatHex(hmac(purpose, value));
    }

    private byte[] hmac(String purpose, String value) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        Mac mac = macs.get();
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0); // separates purpose from value so ("ab","c") ≠ ("a","bc")
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The index of a person's reference within an incident, the natural key for deduplicating imports: the first 128
     * bits of the HMAC, which keep a million references per incident apart by a margin of 2^88 and halve the unique
     * index that every imported row is written into. Held as a UUID because both databases store and compare one as
     * 16 bytes (text took PostgreSQL 1.2 s longer per million rows, 2026-12-07); it is the 32 hex digits {@link #of}
     * begins with.
     */
    public UUID ofReference(String incidentKey, String reference) {
        ByteBuffer hash = ByteBuffer.wrap(hmac("reference:" + incidentKey, reference.strip()));
        return new UUID(hash.getLong(), hash.getLong());
    }
}
