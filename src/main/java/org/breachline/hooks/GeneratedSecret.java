package org.breachline.hooks;

import java.util.Objects;

/**
 * A freshly generated source secret: {@code secret} is shown once to whoever configures the sender, {@code stored} is
 * what the service keeps (a {@link SecretHash} for bearer and secret path, the secret itself for HMAC schemes).
 */
public record GeneratedSecret(AuthScheme scheme, String secret, String stored) {

    public GeneratedSecret {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(stored, "stored");
    }

    @Override
    public String toString() {
        return "GeneratedSecret[" + scheme + ", redacted]";
    }
}
