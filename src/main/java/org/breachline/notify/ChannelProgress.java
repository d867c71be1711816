package org.breachline.notify;

import java.time.Instant;

/**
 * How far one channel of a campaign is: deliveries per status, when the rest should be out at the channel's
 * configured rate (null when nothing is left, or while the channel is stopped), whether a notice on this channel can
 * be the legally sufficient one (e-mail only; SMS and the in-app webhook accompany it), and why the channel is
 * stopped, if it is (its queued deliveries wait for it).
 */
public record ChannelProgress(Channel channel, long queued, long sending, long sent, long delivered, long failed,
                              long uncertain, long cancelled, Instant eta, boolean carriesLegalNotice,
                              ChannelBlock blocked) {
}
