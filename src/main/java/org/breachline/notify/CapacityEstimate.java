package org.breachline.notify;

import java.time.Instant;
import java.util.List;

/**
 * Whether a campaign's notices can be out by its deadline at the senders' rates (measured, else configured): per
 * channel, the recipients, the SMS segments, the time it takes and, when it does not fit, what would fix it.
 */
public record CapacityEstimate(Instant deadline, String deadlineSource, boolean fits, List<ChannelEstimate> channels) {
    public CapacityEstimate {
        channels = List.copyOf(channels);
    }

    /**
     * One channel's share: how much, how fast, how long, and the advice when it is too slow. {@code rateMeasuredAt}
     * says when the rate was measured; null means it is the configured rate (nothing measured yet).
     */
    public record ChannelEstimate(Channel channel, long recipients, long segments, double ratePerSecond,
                                  Instant rateMeasuredAt, long seconds, Instant finishesAt, boolean fits,
                                  String advice) {
    }
}
