package org.breachline.lifecycle;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a background loop by letting its current round finish, and interrupts it only if it does not finish in
 * time. Interrupting first would break a round in the middle of a database call, which then fails noisily while
 * the service is stopping.
 */
public final class GracefulShutdown {
    private GracefulShutdown() {
    }

    public static void stop(ExecutorService executor, Duration patience) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
