package org.breachline.notify;

import java.time.Instant;

/**
 * One way of getting a rendered notice to a person (file sink, SMTP, Twilio, webhook). The dispatcher calls {@link #send} only
 * after it has committed that the delivery is in flight and handed to the channel, from at most {@link #senders()}
 * threads at once (one, unless the channel says otherwise); the channel only sends, classifies the outcome and,
 * for a delivery found in flight after a crash, says whether the provider has it.
 */
public interface DeliveryChannel extends AutoCloseable {

    Channel channel();

    /** Units per second this channel may send: messages for e-mail, segments for SMS. */
    double ratePerSecond();

    /**
     * How many sends may run at once (an SMTP connection pool, say). Above one, {@link #send} must be thread-safe;
     * the dispatcher keeps that many sender threads for the channel.
     */
    default int senders() {
        return 1;
    }

    /** Sends one notice. Must not throw for provider failures: classify them. */
    SendResult send(Outgoing message);

    /** For a delivery in flight when its worker died: did the provider take it? */
    Reconciliation reconcile(InFlight delivery);

    @Override
    default void close() {
    }

    /**
     * A notice to send: the delivery it is for, the address (e-mail, E.164 phone, or for the webhook the person's
     * reference), the rendered content, and what the notice is about ({@code about}, null where a channel needs only
     * the address and content).
     */
    record Outgoing(long deliveryId, String to, RenderedNotice notice, String statusCallbackUrl, About about) {
        public Outgoing(long deliveryId, String to, RenderedNotice notice, String statusCallbackUrl) {
            this(deliveryId, to, notice, statusCallbackUrl, null);
        }

        @Override
        public String toString() {
            return "Outgoing[delivery=" + deliveryId + "]";
        }
    }

    /**
     * What a notice is about, for channels whose message describes it to another system rather than only showing it
     * to the person (the webhook): the campaign, the incident's key, the notice kind and the person's locale.
     */
    record About(java.util.UUID campaignId, String incidentKey, NoticeKind noticeKind, String locale) {
    }

    /** A delivery found in flight: when it was claimed, to whom, and what was being sent. */
    record InFlight(long deliveryId, Instant claimedAt, String to, RenderedNotice notice) {
        @Override
        public String toString() {
            return "InFlight[delivery=" + deliveryId + "]";
        }
    }

    /** The outcome of one send. Reasons never carry the recipient's address. */
    sealed interface SendResult {
        /** The provider took the message; {@code providerId} finds it there (Twilio SID, Message-ID, file name). */
        record Sent(String providerId) implements SendResult {
        }

        /** Worth another attempt later (timeouts, 4xx SMTP, Twilio 20429, a full sender queue). */
        record Transient(String reason) implements SendResult {
        }

        /** Never worth repeating (invalid address or number, opted out, landline). */
        record Permanent(String reason) implements SendResult {
        }

        /** The provider may or may not have taken it (a 5xx after the request went out): reconcile before resending. */
        record Unknown(String reason) implements SendResult {
        }

        /**
         * The provider refuses the sender, not this message (Twilio 20003: authentication failed, or the account is
         * suspended): nothing on this channel can go out until an operator acts. The dispatcher stops the channel
         * and puts this delivery, and the rest of its batch, back in the queue without counting the attempt.
         */
        record ChannelBlocked(String reason) implements SendResult {
        }
    }

    /** What the provider knows of a delivery found in flight. */
    sealed interface Reconciliation {
        record AlreadySent(String providerId) implements Reconciliation {
        }

        record NotSent() implements Reconciliation {
        }

        /** The provider cannot say (SMTP has no lookup): not resent without an operator. */
        record CannotTell(String reason) implements Reconciliation {
        }
    }
}
