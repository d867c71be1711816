package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies Grafana's own webhook HMAC: lowercase hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, in
 * {@code X-Grafana-Alerting-Signature} (name configurable), over the body, or over {@code timestamp + ":" + body} when
 * the contact point names a timestamp header (Unix seconds). Not Standard Webhooks.
 */
public final class GrafanaHmacAuthenticator implements HookAuthenticator {

    public static final String DEFAULT_SIGNATURE_HEADER = "X-Grafana-Alerting-Signature";

    private final String source;
    private final byte[] key;
    private final String signatureHeader;
    private final TimestampCheck timestampCheck;

    /**
     * The settings that make Grafana sign a timestamp too. Grafana sends no message id, so the signature itself stands
     * in for one: a repeat of a group is signed with a new timestamp, and only a replay repeats a signature.
     */
    public record TimestampCheck(String header, Clock clock, Duration tolerance, SeenWebhookIds seenIds) {
        public TimestampCheck {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(seenIds, "seenIds");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance must not be negative");
            }
        }
    }

    private GrafanaHmacAuthenticator(String source, String secret, String signatureHeader, TimestampCheck check) {
        this.source = Objects.requireNonNull(source, "source");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a Grafana HMAC secret is required");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
        this.signatureHeader = Objects.requireNonNull(signatureHeader, "signatureHeader");
        this.timestampCheck = check;
    }

    /**
     * A signature over the body alone. Such a delivery can be replayed for as long as the secret is valid: prefer
     * {@link #withTimestamp}.
     */
    public static GrafanaHmacAuthenticator overBody(String source, String secret, String signatureHeader) {
        return new GrafanaHmacAuthenticator(source, secret, signatureHeader, null);
    }

    /** A signature over {@code timestamp:body}, the timestamp checked for freshness and the signature for replay. */
    public static GrafanaHmacAuthenticator withTimestamp(
            String source, String secret, String signatureHeader, TimestampCheck check) {
        return new GrafanaHmacAuthenticator(source, secret, signatureHeader, Objects.requireNonNull(check, "check"));
    }

    @Override
    public AuthScheme scheme() {
        return AuthScheme.GRAFANA_HMAC;
    }

    @Override
    public AuthOutcome authenticate(HookRequest request) {
        Optional<String> signatureHex = request.header(signatureHeader);
        if (signatureHex.isEmpty()) {
            return new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING);
        }
        if (timestampCheck == null) {
            return verify(signatureHex.get(), HmacSha256.mac(key, request.body()))
                    ? new AuthOutcome.Authenticated(scheme())
                    : new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID);
        }
        Optional<String> timestampText = request.header(timestampCheck.header());
        if (timestampText.isEmpty()) {
            return new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING);
        }
        Optional<Instant> timestamp = SignedTimestamp.parse(timestampText.get());
        if (timestamp.isEmpty()) {
            return new AuthOutcome.Rejected(RejectionReason.TIMESTAMP_INVALID);
        }
        byte[] expected = HmacSha256.mac(key, (timestampText.get() + ":").getBytes(StandardCharsets.UTF_8),
                request.body());
        if (!verify(signatureHex.get(), expected)) {
            return new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID);
        }
        if (!SignedTimestamp.isFresh(timestamp.get(), timestampCheck.clock(), timestampCheck.tolerance())) {
            return new AuthOutcome.Rejected(RejectionReason.TIMESTAMP_STALE);
        }
        String replayId = "grafana-hmac:" + HexFormat.of().formatHex(expected);
        if (!timestampCheck.seenIds().firstTime(source, replayId,
                timestamp.get().plus(timestampCheck.tolerance()))) {
            return new AuthOutcome.Rejected(RejectionReason.REPLAYED);
        }
        return new AuthOutcome.Authenticated(scheme());
    }

    private static boolean verify(String signatureHex, byte[] expected) {
        byte[] signature;
        try {
            // Grafana writes lowercase; parseHex takes either case, which is harmless since the bytes are compared.
            signature = HexFormat.of().parseHex(signatureHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return signature.length == HmacSha256.LENGTH && MessageDigest.isEqual(signature, expected);
    }
}
