package org.breachline.hooks;

import org.breachline.db.Dialect;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Stores deferred deliveries in batches: whatever arrived while the previous batch was being written goes into the
 * next transaction together, and each sender is answered only after its batch has committed. One commit then serves
 * many concurrent deliveries, which is what a burst needs; a lone delivery waits for no one.
 *
 * <p>A signed delivery's message id is stored on its delivery row: a replayed id loses on the unique key and is
 * answered as a duplicate, and a failed batch leaves no id behind, so the sender's retry works.
 */
final class DeliveryBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBatcher.class);
    private static final int MAX_BATCH = 256;
    // Idle this long, the writer gives its connection back to the pool.
    private static final int IDLE_SECONDS = 30;

    /** One authenticated, readable delivery waiting to be stored. */
    record Pending(NewDelivery delivery, CompletableFuture<HookOutcome> stored) {
    }

    private final Jdbi jdbi;
    private final QueueIds queueIds;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    // Used by the writer thread only.
    private Handle handle;
    private DeliveryIntakeDao dao;
    private boolean oneStatement;

    DeliveryBatcher(Jdbi jdbi, QueueIds queueIds) {
        this.jdbi = jdbi;
        this.queueIds = queueIds;
        Thread writer = new Thread(this::writeBatches, "hook-delivery-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Stores the delivery (queued for the worker); the answer completes on the writer's thread once the batch holding
     * it has committed, or fails with the batch.
     */
    CompletableFuture<HookOutcome> store(NewDelivery delivery) {
        Pending pending = new Pending(delivery, new CompletableFuture<>());
        queue.add(pending);
        return pending.stored();
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                Pending first = queue.poll(IDLE_SECONDS, TimeUnit.SECONDS);
                if (first == null) {
                    release();
                    first = queue.take();
                }
                batch.add(first);
            } catch (InterruptedException e) {
                release();
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                List<HookOutcome> outcomes = storeInOwnHandle(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).stored().complete(outcomes.get(i));
                }
            } catch (RuntimeException e) {
                // The whole batch rolled back: every sender hears 500 and retries (Alertmanager does after a 5xx).
                LOG.error("Storing a batch of {} deliveries failed", batch.size(), e);
                batch.forEach(p -> p.stored().completeExceptionally(e));
            }
        }
    }

    // The writer keeps one handle, and its DAO, while deliveries keep coming: JDBI builds a SqlObject's handlers on
    // every attach, which cost the writer a sixth of its time when it attached per batch (hook benchmark). A failed
    // batch gives the connection back, in case the connection is what failed.
    private List<HookOutcome> storeInOwnHandle(List<Pending> batch) {
        if (handle == null) {
            handle = jdbi.open();
            dao = handle.attach(DeliveryIntakeDao.class);
            oneStatement = Dialect.of(handle) == Dialect.POSTGRESQL;
        }
        try {
            // On PostgreSQL a batch is one statement, atomic by itself: a transaction around it would only add the
            // round trip of its COMMIT to every batch.
            return oneStatement ? storeAll(dao, queueIds, batch)
                    : handle.inTransaction(h -> storeAll(dao, queueIds, batch));
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    private void release() {
        if (handle != null) {
            try {
                handle.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the delivery writer's connection failed", e);
            }
            handle = null;
            dao = null;
        }
    }

    /**
     * Stores and queues the batch's deliveries in a few statements, whatever its size. One whose message id its source
     * had already stored (before, or earlier in the same batch) is not stored and answered as a duplicate.
     */
    static List<HookOutcome> storeAll(DeliveryIntakeDao dao, QueueIds queueIds, List<Pending> batch) {
        long[] ids = dao.enqueue(queueIds, batch.stream().map(Pending::delivery).toList());
        List<HookOutcome> outcomes = new ArrayList<>(batch.size());
        for (long id : ids) {
            outcomes.add(id == DeliveryIntakeDao.REPLAYED ? new HookOutcome.Duplicate() : new HookOutcome.Queued(id));
        }
        return outcomes;
    }
}
