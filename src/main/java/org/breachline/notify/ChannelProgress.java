package org.breachline.notify;

import java.time.Instant;

/**
 * How far one channel of a campaign is: deliveries per status, and when the rest should be out at the channel's
 * configured rate (null when nothing is left).
 */
public record ChannelProgress(Channel channel, long queued, long sending, long sent, long delivered, long failed,
                              long uncertain, long cancelled, Instant eta) {
}
