package org.breachline.hooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HookWorkerTest {
    // Long enough that no periodic round runs during a test: only wakes start rounds.
    private static final Duration INTERVAL = Duration.ofHours(1);

    private HookWorker worker;

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.stop();
        }
    }

    /** Answers the planned rounds in order, then empty ones; counts every round and signals each one. */
    private static final class PlannedRounds {
        final Deque<HookService.AppliedRound> planned = new ArrayDeque<>();
        final AtomicInteger asked = new AtomicInteger();
        volatile CountDownLatch rounds;

        synchronized HookService.AppliedRound apply(int limit) {
            asked.incrementAndGet();
            HookService.AppliedRound next = planned.isEmpty() ? new HookService.AppliedRound(0, false)
                    : planned.removeFirst();
            rounds.countDown();
            return next;
        }
    }

    @Test
    void aWakeDrainsFullRoundsAtOnceAndStopsAfterTheFirstThatTookAllThereWas() throws InterruptedException {
        PlannedRounds queue = new PlannedRounds();
        queue.planned.add(new HookService.AppliedRound(HookWorker.APPLY_BATCH, true));
        queue.planned.add(new HookService.AppliedRound(HookWorker.APPLY_BATCH, true));
        queue.planned.add(new HookService.AppliedRound(12, false));
        queue.planned.add(new HookService.AppliedRound(7, false));
        queue.rounds = new CountDownLatch(3);
        worker = new HookWorker(queue::apply, () -> { }, Optional.empty(), INTERVAL);
        worker.start();

        worker.wake();
        assertThat(queue.rounds.await(5, TimeUnit.SECONDS)).as("three rounds after the wake").isTrue();
        // Past another gather, no further round started by itself: the fourth planned round waits for a wake.
        Thread.sleep(HookWorker.GATHER.toMillis() * 3);
        assertThat(queue.asked).hasValue(3);

        queue.rounds = new CountDownLatch(1);
        worker.wake();
        assertThat(queue.rounds.await(5, TimeUnit.SECONDS)).as("the next wake's round").isTrue();
        Thread.sleep(HookWorker.GATHER.toMillis() * 3);
        assertThat(queue.asked).hasValue(4);
        assertThat(queue.planned).isEmpty();
    }

    @Test
    void wakesArrivingBeforeTheGatherEndsAreFoldedIntoOneRound() throws InterruptedException {
        PlannedRounds queue = new PlannedRounds();
        queue.rounds = new CountDownLatch(1);
        worker = new HookWorker(queue::apply, () -> { }, Optional.empty(), INTERVAL);
        worker.start();
        for (int i = 0; i < 50; i++) {
            worker.wake();
        }
        assertThat(queue.rounds.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(HookWorker.GATHER.toMillis() * 3);
        assertThat(queue.asked).hasValue(1);
    }
}
