package org.breachline.notify;

import java.time.Instant;

/**
 * How far one channel of a campaign is: deliveries per status, when the rest should be out at the channel's
 * configured rate (null when nothing is left), and whether a notice on this channel can be the legally sufficient
 * one (e-mail only; SMS and the in-app webhook accompany it).
 */
public record ChannelProgress(Channel channel, long queued, long sending, long sent, long delivered, long failed,
                              long uncertain, long cancelled, Instant eta, boolean carriesLegalNotice) {
}
