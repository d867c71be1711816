package org.breachline.hooks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** Generates a new secret for an alert source, in the form its {@link AuthScheme} uses. */
public final class HookSecretGenerator {

    static final int SECRET_BYTES = 32;

    private final SecureRandom random;

    public HookSecretGenerator(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    public GeneratedSecret generate(AuthScheme scheme) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> {
                String secret = new WebhookSecret(bytes).encoded();
                yield new GeneratedSecret(scheme, secret, secret);
            }
            // URL-safe without padding: it must survive a header, a URL path and Grafana's settings form as it is.
            case GRAFANA_HMAC -> {
                String secret = urlSafe(bytes);
                yield new GeneratedSecret(scheme, secret, secret);
            }
            case BEARER, SECRET_PATH -> {
                String secret = urlSafe(bytes);
                yield new GeneratedSecret(scheme, secret, SecretHash.of(secret).stored());
            }
        };
    }

    private static String urlSafe(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
