package org.breachline.hooks;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

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

    /** A message id to record with the delivery, as the Standard Webhooks or Grafana authenticator checked it. */
    record SeenId(String id, Instant expiresAt) {
    }

    /** One authenticated, readable delivery waiting to be stored. */
    record Pending(String source, Instant receivedAt, byte[] body, String sha256, List<SeenId> seenIds,
                   CompletableFuture<HookOutcome> stored) {
    }

    private final Jdbi jdbi;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    DeliveryBatcher(Jdbi jdbi) {
        this.jdbi = jdbi;
        Thread writer = new Thread(this::writeBatches, "hook-delivery-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stores the delivery (queued for the worker) and answers once it is committed. */
    HookOutcome store(String source, Instant receivedAt, byte[] body, String sha256, List<SeenId> seenIds) {
        Pending pending = new Pending(source, receivedAt, body, sha256, List.copyOf(seenIds),
                new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.stored().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private void writeBatches() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            batch.clear();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                List<HookOutcome> outcomes = jdbi.inTransaction(h -> {
                    DeliveryIntakeDao dao = h.attach(DeliveryIntakeDao.class);
                    List<HookOutcome> stored = new ArrayList<>(batch.size());
                    for (Pending p : batch) {
                        stored.add(store(dao, p));
                    }
                    return stored;
                });
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

    private static HookOutcome store(DeliveryIntakeDao dao, Pending p) {
        for (SeenId seen : p.seenIds()) {
            if (seen.id().length() > 200 || dao.recordSeenId(p.source(), seen.id(), seen.expiresAt()) == 0) {
                return new HookOutcome.Duplicate();
            }
        }
        return new HookOutcome.Queued(dao.insertDelivery(p.source(), p.receivedAt(), DeliveryStatus.QUEUED.name(),
                p.body(), p.body().length, p.sha256(), null, null));
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
