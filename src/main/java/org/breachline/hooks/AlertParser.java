package org.breachline.hooks;

import java.util.List;

/**
 * Reads one delivery of one payload format into alerts.
 *
 * <p>Implementations read tolerantly (keys they do not need are ignored, so new sender versions keep working) and
 * validate what they need, throwing {@link MalformedAlertException} with the path of the first problem. They are
 * stateless and thread-safe. Every returned alert carries the same {@link RawPayload} of {@code body}.
 */
public interface AlertParser {

    /**
     * @param source          the alert source's name, copied into every alert
     * @param body            the request body exactly as received (the same bytes a signature was checked on)
     * @param defaultSeverity used when the payload names no severity we recognise
     * @return at least one alert, in payload order
     * @throws MalformedAlertException when the body is not this format
     */
    List<Alert> parse(String source, byte[] body, Severity defaultSeverity);
}
