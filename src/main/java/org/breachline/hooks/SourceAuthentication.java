package org.breachline.hooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How one alert source authenticates, as configured and stored: its scheme, the stored form of its secret
 * ({@link GeneratedSecret#stored()}) and the scheme's settings; builds the source's {@link HookAuthenticator}.
 *
 * @param scheme          the source's scheme
 * @param storedSecret    {@code whsec_…} for Standard Webhooks, {@code sha256:…} for bearer and secret path, the secret
 *                        itself for Grafana HMAC; checked on construction, so a bad value fails at startup
 * @param tolerance       how far a signed timestamp may be from our clock; {@code null} means the 5-minute default
 * @param signatureHeader Grafana HMAC only: the signature header's name; {@code null} means Grafana's default
 * @param timestampHeader Grafana HMAC only: the timestamp header the contact point names, or {@code null} when it signs
 *                        the body alone
 * @param previous        the secret a rotation replaced, while it is still accepted; {@code null} for none
 */
public record SourceAuthentication(AuthScheme scheme, String storedSecret, Duration tolerance, String signatureHeader,
                                   String timestampHeader, PreviousSecret previous) {

    /** A replaced secret (in the same stored form) and the end of its grace period. */
    public record PreviousSecret(String storedSecret, Instant validUntil) {
        public PreviousSecret {
            Objects.requireNonNull(storedSecret, "storedSecret");
            Objects.requireNonNull(validUntil, "validUntil");
        }

        @Override
        public String toString() {
            return "PreviousSecret[secret redacted, validUntil=" + validUntil + "]";
        }
    }

    /** Without a previous secret. */
    public SourceAuthentication(AuthScheme scheme, String storedSecret, Duration tolerance, String signatureHeader,
                                String timestampHeader) {
        this(scheme, storedSecret, tolerance, signatureHeader, timestampHeader, null);
    }

    public SourceAuthentication {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(storedSecret, "storedSecret");
        tolerance = tolerance == null ? StandardWebhooksAuthenticator.DEFAULT_TOLERANCE : tolerance;
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
        signatureHeader = signatureHeader == null || signatureHeader.isBlank()
                ? GrafanaHmacAuthenticator.DEFAULT_SIGNATURE_HEADER : signatureHeader;
        timestampHeader = timestampHeader == null || timestampHeader.isBlank() ? null : timestampHeader;
        check(scheme, storedSecret);
        if (previous != null) {
            check(scheme, previous.storedSecret());
        }
    }

    private static void check(AuthScheme scheme, String storedSecret) {
        switch (scheme) {
            case STANDARD_WEBHOOKS -> WebhookSecret.parse(storedSecret);
            case BEARER, SECRET_PATH -> SecretHash.parse(storedSecret);
            case GRAFANA_HMAC -> {
                if (storedSecret.isEmpty()) {
                    throw new IllegalArgumentException("a Grafana HMAC secret is required");
                }
            }
        }
    }

    /** A source with the scheme's default settings. */
    public static SourceAuthentication of(AuthScheme scheme, String storedSecret) {
        return new SourceAuthentication(scheme, storedSecret, null, null, null);
    }

    /**
     * The authenticator for the named source; {@code seenIds} is used by the schemes with replay protection. While a
     * previous secret is in its grace period, a delivery the current secret refuses is tried with the previous one.
     */
    public HookAuthenticator authenticatorFor(String source, Clock clock, SeenWebhookIds seenIds) {
        HookAuthenticator current = authenticatorFor(storedSecret, source, clock, seenIds);
        if (previous == null || !clock.instant().isBefore(previous.validUntil())) {
            return current;
        }
        return new RotatedSecretAuthenticator(current, authenticatorFor(previous.storedSecret(), source, clock,
                seenIds));
    }

    private HookAuthenticator authenticatorFor(String storedSecret, String source, Clock clock,
                                               SeenWebhookIds seenIds) {
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> new StandardWebhooksAuthenticator(source, WebhookSecret.parse(storedSecret),
                    clock, tolerance, seenIds);
            case BEARER -> new BearerAuthenticator(SecretHash.parse(storedSecret));
            case SECRET_PATH -> new SecretPathAuthenticator(source, SecretHash.parse(storedSecret));
            case GRAFANA_HMAC -> timestampHeader == null
                    ? GrafanaHmacAuthenticator.overBody(source, storedSecret, signatureHeader)
                    : GrafanaHmacAuthenticator.withTimestamp(source, storedSecret, signatureHeader,
                            new GrafanaHmacAuthenticator.TimestampCheck(timestampHeader, clock, tolerance, seenIds));
        };
    }

    @Override
    public String toString() {
        return "SourceAuthentication[" + scheme + ", secret redacted, tolerance=" + tolerance + "]";
    }
}
