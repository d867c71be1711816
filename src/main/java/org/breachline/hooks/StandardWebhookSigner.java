package org.breachline.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/** Signs outgoing webhook bodies with the Standard Webhooks convention, for Breachline's own outbound notifications. */
public final class StandardWebhookSigner {

    // The id goes into a header and into the signed text before a ".", so it is kept to a plain token.
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

    private final WebhookSecret secret;
    private final Clock clock;

    public StandardWebhookSigner(WebhookSecret secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code body} as sent now. Pass the same {@code messageId} on every retry of one message (the outbox
     * delivery's id): receivers use it to drop duplicates, while the timestamp and signature are renewed.
     */
    public StandardWebhookHeaders sign(String messageId, byte[] body) {
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            throw new IllegalArgumentException("a message id is 1 to 128 letters, digits, '_' or '-'");
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] mac = HmacSha256.mac(secret.key(),
                (messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        return new StandardWebhookHeaders(messageId, timestamp, "v1," + Base64.getEncoder().encodeToString(mac));
    }
}
