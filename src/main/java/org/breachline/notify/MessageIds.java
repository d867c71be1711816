package org.breachline.notify;

/** The Message-ID of a delivery's e-mail: fixed per delivery, so a resend would be recognisable as the same message. */
final class MessageIds {
    private MessageIds() {
    }

    static String of(long deliveryId) {
        return "<delivery-" + deliveryId + "@breachline.notices>";
    }
}
