package org.breachline.notify;

/** A notice channel as the API shows it: whether it can carry the legal notice, and its block if it is stopped. */
public record ChannelState(Channel channel, boolean carriesLegalNotice, ChannelBlock blocked) {
}
