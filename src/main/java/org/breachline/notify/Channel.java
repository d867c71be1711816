package org.breachline.notify;

import java.util.Locale;
import java.util.Optional;

/**
 * The ways a notice reaches a person. E-mail and SMS each have a folder of templates under a notice kind in
 * {@code templates/}; the webhook carries the person's e-mail notice to the organisation's own product.
 */
public enum Channel {
    /** Subject, HTML and plain-text parts; the channel that can carry the legally sufficient notice. */
    EMAIL,
    /** A single plain text, counted in segments; an alert that points to the full notice. */
    SMS,
    /**
     * A signed POST of the person's e-mail notice (rendered from the e-mail templates) to the organisation's own
     * product, which shows it in-app ("we will also tell you in the app"). Never legally sufficient on its own.
     */
    WEBHOOK;

    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel whose templates render this channel's notices: the webhook carries the e-mail notice. */
    public Channel templates() {
        return this == WEBHOOK ? EMAIL : this;
    }

    /**
     * Whether a notice on this channel can be the legally sufficient notice to the person. Only e-mail can: an SMS
     * alerts and points to the full notice, and an in-app notice is shown only if the person opens the product.
     */
    public boolean carriesLegalNotice() {
        return this == EMAIL;
    }

    /** The channel of a template folder ({@code email}, {@code sms}); channels without templates of their own have none. */
    static Optional<Channel> fromFolder(String folder) {
        for (Channel channel : values()) {
            if (channel.templates() == channel && channel.folder().equals(folder)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
