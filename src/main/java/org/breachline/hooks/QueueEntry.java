package org.breachline.hooks;

/**
 * A {@code hook_queue} row: a stored batch of deliveries waiting for the worker, those up to id {@code lastDeliveryId}
 * that carry its id; the ones up to {@code appliedThrough} are done.
 */
public record QueueEntry(long id, long lastDeliveryId, long appliedThrough) {
}
