package org.breachline.notify;

import java.time.Instant;
import java.util.List;

/**
 * Whether a campaign's notices can be out by its deadline at the configured sender rates: per channel, the
 * recipients, the SMS segments, the time it takes and, when it does not fit, what would fix it.
 */
public record CapacityEstimate(Instant deadline, String deadlineSource, boolean fits, List<ChannelEstimate> channels) {
    public CapacityEstimate {
        channels = List.copyOf(channels);
    }

    /** One channel's share: how much, how fast, how long, and the advice when it is too slow. */
    public record ChannelEstimate(Channel channel, long recipients, long segments, double ratePerSecond,
                                  long seconds, Instant finishesAt, boolean fits, String advice) {
    }
}
