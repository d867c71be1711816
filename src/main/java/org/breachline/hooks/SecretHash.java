package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The stored form of a secret the sender presents as it is (bearer token, path secret): its SHA-256, written
 * {@code sha256:<hex>}, so that a database leak does not hand out working credentials.
 */
public record SecretHash(byte[] sha256) {

    private static final String PREFIX = "sha256:";

    // A plain SHA-256 and not a slow password hash: the secrets are 256 random bits from HookSecretGenerator, which no
    // amount of guessing per hash recovers, and the hook must check every delivery quickly.

    public SecretHash {
        if (sha256 == null || sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes");
        }
        sha256 = sha256.clone();
    }

    /** Hashes a secret for storage. */
    public static SecretHash of(String secret) {
        return new SecretHash(digest(secret));
    }

    /** Reads the stored form {@code sha256:<64 hex digits>}. */
    public static SecretHash parse(String stored) {
        if (stored == null || !stored.startsWith(PREFIX) || stored.length() != PREFIX.length() + 64) {
            throw new IllegalArgumentException("a stored secret hash is sha256: followed by 64 hex digits");
        }
        return new SecretHash(HexFormat.of().parseHex(stored.substring(PREFIX.length())));
    }

    /** The form to store. */
    public String stored() {
        return PREFIX + HexFormat.of().formatHex(sha256);
    }

    /** Whether a presented secret is the one hashed; constant-time, since both sides are 32-byte digests. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(sha256, digest(presented));
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash that && MessageDigest.isEqual(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "SecretHash[" + stored() + "]";
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
