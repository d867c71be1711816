package org.breachline.hooks;

import org.breachline.crypto.AtRestCipher;

import java.util.Objects;

/**
 * The at-rest form of API-created sources' secrets. Bearer and path secrets are stored as hashes already; HMAC keys
 * (Standard Webhooks, Grafana) cannot be, since verifying a signature needs the key, so they are sealed with the
 * contact-data key ring (AES-256-GCM, bound to the source's name so a value cannot be moved to another source). A
 * database dump then no longer lets anyone sign alerts.
 */
final class SealedSourceSecrets {
    static final String PREFIX = "sealed:";

    private final AtRestCipher cipher;

    SealedSourceSecrets(AtRestCipher cipher) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /** What to store for a secret in its usable form ({@link GeneratedSecret#stored()}). */
    String forStorage(String source, AuthScheme scheme, String usable) {
        return isKey(scheme) ? PREFIX + cipher.seal(usable, context(source)) : usable;
    }

    /** The usable form of a stored secret; values stored before sealing existed are read as they are. */
    String fromStorage(String source, String stored) {
        return stored.startsWith(PREFIX) ? cipher.open(stored.substring(PREFIX.length()), context(source)) : stored;
    }

    /** Whether a stored value should be written again: a key in plaintext, or sealed with a retired key. */
    boolean needsSealing(AuthScheme scheme, String stored) {
        if (!isKey(scheme)) {
            return false;
        }
        return !stored.startsWith(PREFIX) || cipher.needsResealing(stored.substring(PREFIX.length()));
    }

    private static boolean isKey(AuthScheme scheme) {
        return scheme == AuthScheme.STANDARD_WEBHOOKS || scheme == AuthScheme.GRAFANA_HMAC;
    }

    private static String context(String source) {
        return "hook_source.stored_secret:" + source;
    }
}
