package org.breachline.hooks;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
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
 * <p>A signed delivery's message id is recorded in the same transaction as its delivery row: a replayed id loses on
 * the unique key and is answered as a duplicate, and a failed batch leaves no id behind, so the sender's retry works.
 */
final class DeliveryBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryBatcher.class);
    private static final int MAX_BATCH = 256;
    // Idle this long, the writer gives its connection back to the pool.
    private static final int IDLE_SECONDS = 30;

    /** A message id to record with the delivery, as the Standard Webhooks or Grafana authenticator checked it. */
    record SeenId(String id, Instant expiresAt) {
    }

    /** One authenticated, readable delivery waiting to be stored. */
    record Pending(String source, Instant receivedAt, byte[] body, String sha256, List<SeenId> seenIds,
                   CompletableFuture<HookOutcome> stored) {
    }

    private final Jdbi jdbi;
    private final QueueIds queueIds;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    // Used by the writer thread only.
    private Handle handle;
    private DeliveryIntakeDao dao;

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
    CompletableFuture<HookOutcome> store(String source, Instant receivedAt, byte[] body, String sha256,
                                         List<SeenId> seenIds) {
        Pending pending = new Pending(source, receivedAt, body, sha256, List.copyOf(seenIds),
                new CompletableFuture<>());
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
        }
        try {
            return handle.inTransaction(h -> storeAll(dao, queueIds, batch));
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
     * Records the batch's message ids, then stores and queues the deliveries whose ids were all new: a few statements,
     * whatever the batch's size. A replayed id (already stored, or earlier in the same batch) inserts nothing and makes
     * its delivery a duplicate.
     */
    static List<HookOutcome> storeAll(DeliveryIntakeDao dao, QueueIds queueIds, List<Pending> batch) {
        boolean[] duplicate = new boolean[batch.size()];
        List<String> idSources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Instant> expiries = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (SeenId seen : batch.get(i).seenIds()) {
                // Longer ids cannot be stored; they are refused as replays rather than truncated into collisions.
                if (seen.id().length() > 200) {
                    duplicate[i] = true;
                } else {
                    idSources.add(batch.get(i).source());
                    ids.add(seen.id());
                    expiries.add(seen.expiresAt());
                    owners.add(i);
                }
            }
        }
        if (!ids.isEmpty()) {
            int[] inserted = dao.recordSeenIds(idSources, ids, expiries);
            for (int k = 0; k < inserted.length; k++) {
                if (inserted[k] < 0) {
                    // A driver may batch without per-row counts (PostgreSQL with reWriteBatchedInserts=true); then a
                    // replay could not be told from a first delivery, so refuse to store anything.
                    throw new IllegalStateException("the JDBC driver reported no row count for a batched insert; "
                            + "replay protection needs one (remove reWriteBatchedInserts from the database URL)");
                }
                if (inserted[k] == 0) {
                    duplicate[owners.get(k)] = true;
                }
            }
        }
        List<String> sources = new ArrayList<>();
        List<Instant> receivedAt = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (!duplicate[i]) {
                Pending p = batch.get(i);
                sources.add(p.source());
                receivedAt.add(p.receivedAt());
                payloads.add(p.body());
                sizes.add(p.body().length);
                hashes.add(p.sha256());
            }
        }
        long[] deliveryIds = sources.isEmpty() ? new long[0]
                : dao.enqueue(queueIds, sources, receivedAt, payloads, sizes, hashes);
        List<HookOutcome> outcomes = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(duplicate[i] ? new HookOutcome.Duplicate() : new HookOutcome.Queued(deliveryIds[next++]));
        }
        return outcomes;
    }

    /** Collects the ids an authenticator asks about, to record them with the delivery instead of at once. */
    static final class CollectedSeenIds implements SeenWebhookIds {
        private final List<SeenId> ids = new ArrayList<>();

        @Override
        public boolean firstTime(String source, String id, Instant expiresAt) {
            ids.add(new SeenId(id, expiresAt));
            return true;
        }

        List<SeenId> ids() {
            return ids;
        }
    }
}
