package org.breachline.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which failed deliveries of a campaign to queue again: one channel or all, and whether e-mails left UNCERTAIN by a
 * crash are resent too (a human's decision: the person may receive the notice twice).
 */
public record DeliveryRetry(Channel channel, boolean includeUncertain) {
    @JsonCreator
    public DeliveryRetry(@JsonProperty("channel") Channel channel,
                         @JsonProperty("includeUncertain") Boolean includeUncertain) {
        this(channel, Boolean.TRUE.equals(includeUncertain));
    }

    static DeliveryRetry everyFailure() {
        return new DeliveryRetry(null, false);
    }
}
