package org.breachline.notify;

import java.time.Instant;

/**
 * One way of getting a rendered notice to a person (file sink, SMTP, Twilio). The dispatcher calls {@link #send} only
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

    /** A notice to send: the delivery it is for, the address (e-mail or E.164 phone) and the rendered content. */
    record Outgoing(long deliveryId, String to, RenderedNotice notice, String statusCallbackUrl) {
        @Override
        public String toString() {
            return "Outgoing[delivery=" + deliveryId + "]";
        }
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
