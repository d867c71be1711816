package org.breachline.notify;

/**
 * Where one (person, channel) delivery is. {@code SENDING} is written before the provider is called, so a crash
 * leaves it there to be reconciled; {@code UNCERTAIN} is what reconciliation concludes when the provider cannot tell
 * whether it took the message (SMTP): it is not sent again without an operator.
 */
public enum DeliveryStatus {
    QUEUED, SENDING, SENT, DELIVERED, FAILED, UNCERTAIN, CANCELLED;

    boolean isFinal() {
        return this != QUEUED && this != SENDING;
    }
}
