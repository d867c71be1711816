package org.breachline.notify;

import java.time.Instant;

/** A channel stopped because its provider refuses the sender itself: why, since when, and which worker saw it. */
public record ChannelBlock(Channel channel, String reason, Instant since, String blockedBy) {
}
