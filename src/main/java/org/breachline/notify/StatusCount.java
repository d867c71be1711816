package org.breachline.notify;

/** Deliveries of a campaign in one channel and status (public for JDBI only). */
public record StatusCount(String channel, String status, long deliveries) {
}
