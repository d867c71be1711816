package org.breachline.hooks;

/**
 * Ids for {@code hook_queue} rows, taken from the database sequence a block at a time: the sequence steps by
 * {@link #BLOCK}, and each value it gives this instance stands for the block of ids from it. A stored batch then costs
 * no round trip for its id, which the delivery writer would otherwise wait for on every batch. Ids of a block left
 * unused (the instance stopped, or a batch rolled back) are never given again: gaps, never collisions.
 */
final class QueueIds {
    /** The sequence's increment (migration 012); changing it needs a migration that moves the sequence on. */
    static final int BLOCK = 1000;

    private long next;
    private long end;

    /** The next id, fetching a new block through {@code dao} when this one is used up. */
    synchronized long next(DeliveryIntakeDao dao) {
        if (next == end) {
            next = dao.nextQueueIdBlock();
            end = next + BLOCK;
        }
        return next++;
    }
}
