package org.breachline.notify;

import org.breachline.people.Recipient;

/** Where a channel sends a person's notice: the e-mail address, the phone number, or (webhook) the person's reference. */
final class RecipientAddress {
    private RecipientAddress() {
    }

    /** The person's address on the channel, or null when they have none (never given, or purged). */
    static String of(Channel channel, Recipient to) {
        if (to == null) {
            return null;
        }
        return switch (channel) {
            case EMAIL -> to.email();
            case SMS -> to.phone();
            // The organisation's own id for the person: its product knows whom to show the notice to.
            case WEBHOOK -> to.reference();
        };
    }
}
