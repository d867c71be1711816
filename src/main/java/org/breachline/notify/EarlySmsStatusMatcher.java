package org.breachline.notify;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.servlets.tasks.Task;
import org.breachline.lifecycle.GracefulShutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SmsStatusService#applyEarlyReports} every {@code notify.sms.unmatchedStatusCheckEvery} (where this
 * instance dispatches), and on demand as the admin task {@code POST /tasks/match-early-sms-statuses}.
 */
public final class EarlySmsStatusMatcher extends Task implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(EarlySmsStatusMatcher.class);

    private final SmsStatusService statuses;
    private final long periodMillis;
    private final boolean enabled;
    private ScheduledExecutorService loop;

    public EarlySmsStatusMatcher(SmsStatusService statuses, NotifyConfiguration config) {
        super("match-early-sms-statuses");
        this.statuses = statuses;
        this.periodMillis = config.getSms().getUnmatchedStatusCheckEvery().toMilliseconds();
        this.enabled = config.getDispatcher().isEnabled();
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "early-sms-status-matcher");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                statuses.applyEarlyReports();
            } catch (RuntimeException e) {
                LOG.error("Matching early SMS status reports failed ({}); the next run retries", e.getClass().getName());
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        GracefulShutdown.stop(loop, Duration.ofSeconds(10));
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println("{\"applied\":" + statuses.applyEarlyReports() + "}");
    }
}
