package org.breachline.hooks;

import java.time.Clock;
import java.time.Duration;
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
 */
public record SourceAuthentication(
        AuthScheme scheme, String storedSecret, Duration tolerance, String signatureHeader, String timestampHeader) {

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

    /** The authenticator for the named source; {@code seenIds} is used by the schemes with replay protection. */
    public HookAuthenticator authenticatorFor(String source, Clock clock, SeenWebhookIds seenIds) {
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
