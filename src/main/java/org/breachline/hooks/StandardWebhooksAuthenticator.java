package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Verifies the Standard Webhooks convention: {@code webhook-signature: v1,<base64 HMAC-SHA256(id.timestamp.body)>}
 * (space-separated, any one may match), a timestamp within tolerance of our clock, and an id not seen before.
 */
public final class StandardWebhooksAuthenticator implements HookAuthenticator {

    public static final String ID_HEADER = "webhook-id";
    /** The longest message id kept for replay protection; a longer one is refused rather than cut or dropped. */
    public static final int MAX_ID_LENGTH = 200;
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** The convention's own default, which its reference libraries use. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String VERSION = "v1";
    private static final Pattern SPACES = Pattern.compile(" +");

    private final String source;
    private final WebhookSecret secret;
    private final Clock clock;
    private final Duration tolerance;
    private final SeenWebhookIds seenIds;

    public StandardWebhooksAuthenticator(
            String source, WebhookSecret secret, Clock clock, Duration tolerance, SeenWebhookIds seenIds) {
        this.source = Objects.requireNonNull(source, "source");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.seenIds = Objects.requireNonNull(seenIds, "seenIds");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance must not be negative");
        }
    }

    public StandardWebhooksAuthenticator(String source, WebhookSecret secret, Clock clock, SeenWebhookIds seenIds) {
        this(source, secret, clock, DEFAULT_TOLERANCE, seenIds);
    }

    @Override
    public AuthScheme scheme() {
        return AuthScheme.STANDARD_WEBHOOKS;
    }

    @Override
    public AuthOutcome authenticate(HookRequest request) {
        Optional<String> id = request.header(ID_HEADER);
        Optional<String> timestampText = request.header(TIMESTAMP_HEADER);
        List<String> signatureHeaders = request.headerValues(SIGNATURE_HEADER);
        if (id.isEmpty() || timestampText.isEmpty() || signatureHeaders.stream().allMatch(String::isBlank)) {
            return new AuthOutcome.Rejected(RejectionReason.CREDENTIALS_MISSING);
        }
        if (id.get().length() > MAX_ID_LENGTH) {
            return new AuthOutcome.Rejected(RejectionReason.MESSAGE_ID_INVALID);
        }
        Optional<Instant> timestamp = SignedTimestamp.parse(timestampText.get());
        if (timestamp.isEmpty()) {
            return new AuthOutcome.Rejected(RejectionReason.TIMESTAMP_INVALID);
        }
        byte[] expected = HmacSha256.mac(secret.key(),
                (id.get() + "." + timestampText.get() + ".").getBytes(StandardCharsets.UTF_8), request.body());
        if (!anySignatureMatches(signatureHeaders, expected)) {
            return new AuthOutcome.Rejected(RejectionReason.SIGNATURE_INVALID);
        }
        // Checked after the signature, so that "stale" is only ever said about a message the sender really signed.
        if (!SignedTimestamp.isFresh(timestamp.get(), clock, tolerance)) {
            return new AuthOutcome.Rejected(RejectionReason.TIMESTAMP_STALE);
        }
        // Last, because it has a side effect: only a message that passed every other check may use up its id. Past
        // timestamp + tolerance the timestamp check refuses a replay on its own, so the id need not be kept longer.
        if (!seenIds.firstTime(source, id.get(), timestamp.get().plus(tolerance))) {
            return new AuthOutcome.Rejected(RejectionReason.REPLAYED);
        }
        return new AuthOutcome.Authenticated(scheme());
    }

    // Several signatures let a sender rotate its secret without a gap; other versions (v1a, asymmetric) are skipped.
    private static boolean anySignatureMatches(List<String> headerValues, byte[] expected) {
        boolean matched = false;
        for (String headerValue : headerValues) {
            for (String candidate : SPACES.split(headerValue.strip())) {
                int comma = candidate.indexOf(',');
                if (comma < 0 || !candidate.substring(0, comma).equals(VERSION)) {
                    continue;
                }
                byte[] signature;
                try {
                    signature = Base64.getDecoder().decode(candidate.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                // isEqual is constant-time for equal lengths; a wrong length is no secret.
                if (signature.length == HmacSha256.LENGTH && MessageDigest.isEqual(signature, expected)) {
                    matched = true;
                }
            }
        }
        return matched;
    }
}
