package org.breachline.notify;

import java.util.Locale;
import java.util.Optional;

/** The ways a notice reaches a person; each is a folder under a notice kind in {@code templates/}. */
public enum Channel {
    /** Subject, HTML and plain-text parts; the channel that can carry the legally sufficient notice. */
    EMAIL,
    /** A single plain text, counted in segments; an alert that points to the full notice. */
    SMS;

    public String folder() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Channel> fromFolder(String folder) {
        for (Channel channel : values()) {
            if (channel.folder().equals(folder)) {
                return Optional.of(channel);
            }
        }
        return Optional.empty();
    }
}
