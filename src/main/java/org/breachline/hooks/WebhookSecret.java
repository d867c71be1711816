package org.breachline.hooks;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** A Standard Webhooks signing secret: the key bytes behind the {@code whsec_<base64>} text form. */
public record WebhookSecret(byte[] key) {

    public static final String PREFIX = "whsec_";

    // The Standard Webhooks specification asks for keys between 24 and 64 bytes.
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    public WebhookSecret {
        if (key == null || key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a webhook secret has " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        key = key.clone();
    }

    /** Reads {@code whsec_<base64>}; the prefix is optional, as in the reference libraries. */
    public static WebhookSecret parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a webhook secret is required");
        }
        String base64 = text.strip().startsWith(PREFIX) ? text.strip().substring(PREFIX.length()) : text.strip();
        try {
            return new WebhookSecret(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            // The decoder's message would quote the secret's characters.
            throw new IllegalArgumentException("a webhook secret is whsec_ followed by standard base64", null);
        }
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The {@code whsec_<base64>} form, to show once to whoever configures the sender, or to store. */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
