package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A fingerprint computed from the stable fields of a sender that sends none of its own. */
final class DerivedFingerprint {

    private DerivedFingerprint() {
    }

    /**
     * SHA-256 over the parts, truncated to 128 bits (32 hex digits): fixed length whatever the parts' length, and
     * collisions are out of reach at any realistic number of alerts per source. Each part is length-prefixed so that
     * ("ab", "c") and ("a", "bc") differ.
     */
    static String of(String... parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                byte[] bytes = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
