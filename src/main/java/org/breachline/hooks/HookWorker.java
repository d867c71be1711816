package org.breachline.hooks;

import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.breachline.lifecycle.GracefulShutdown;

/**
 * The hooks' background work on one thread: applies queued deliveries, sends due outbound notifications, and forgets
 * deliveries past their retention. What is due is decided by the injected clock; the interval only says how often to
 * look.
 */
public final class HookWorker implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(HookWorker.class);
    // Deliveries applied per transaction: enough that a burst costs few commits and one group update per fingerprint,
    // few enough that a transaction stays short.
    static final int APPLY_BATCH = 1000;
    // A wake waits this long before its round, so that a burst is applied in full batches: per round the worker pays
    // a transaction, the claim and one lock per fingerprint, which tiny rounds would pay per delivery.
    static final Duration GATHER = Duration.ofMillis(100);

    private final IntFunction<HookService.AppliedRound> rounds;
    private final Runnable forgetOldRecords;
    private final Optional<OutboundDispatcher> outbound;
    private final Duration interval;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public HookWorker(HookService hooks, Optional<OutboundDispatcher> outbound, Duration interval) {
        this(hooks::applyQueued, hooks::forgetOldRecords, outbound, interval);
    }

    HookWorker(IntFunction<HookService.AppliedRound> rounds, Runnable forgetOldRecords,
               Optional<OutboundDispatcher> outbound, Duration interval) {
        this.rounds = rounds;
        this.forgetOldRecords = forgetOldRecords;
        this.outbound = outbound;
        this.interval = interval;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hook-worker");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Asks for a round of queued deliveries soon (one was just queued). Wakes arriving while one is pending are folded
     * into it, so a burst of deliveries costs one round per {@link #GATHER}, not one per delivery.
     */
    public void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakePending.compareAndSet(false, true)) {
            try {
                running.schedule(() -> {
                    wakePending.set(false);
                    applyQueued();
                }, GATHER.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakePending.set(false);
            }
        }
    }

    /** One round of everything that is due; a failure is logged and retried next round. */
    public void runOnce() {
        try {
            applyQueued();
            forgetOldRecords.run();
        } catch (RuntimeException e) {
            LOG.error("Hook worker round failed; retrying next round", e);
        }
    }

    // Applies what is queued, then sends what the applied alerts made due (an opened incident's notification). Only a
    // full round goes on at once, to drain a backlog; after one that took all there was, what arrives meanwhile waits
    // for the next wake, GATHER later. In a steady flood a round that ran back to back took a few dozen deliveries,
    // and paid its transaction, claim and group updates for those few (hook benchmark on PostgreSQL).
    private void applyQueued() {
        try {
            while (rounds.apply(APPLY_BATCH).full()) {
                // Drain a backlog before anything else: these are alerts waiting to become incidents.
            }
            outbound.ifPresent(OutboundDispatcher::dispatchDue);
        } catch (RuntimeException e) {
            LOG.error("Applying queued deliveries failed; retrying next round", e);
        }
    }

    @Override
    public void stop() throws InterruptedException {
        GracefulShutdown.stop(executor, Duration.ofSeconds(5));
    }
}
