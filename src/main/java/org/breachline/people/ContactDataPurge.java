package org.breachline.people;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.servlets.tasks.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.breachline.lifecycle.GracefulShutdown;
import java.time.Duration;

/**
 * Runs {@link PeopleService#purgeExpiredContactData} on a schedule, and on demand as the admin task
 * {@code POST /tasks/purge-contact-data}. Whether an incident's data is due is decided by the service's clock, not
 * by when this runs, so a late or repeated run erases exactly the same people.
 */
public final class ContactDataPurge extends Task implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ContactDataPurge.class);

    private final PeopleService people;
    private final long periodMillis;
    private ScheduledExecutorService scheduler;

    public ContactDataPurge(PeopleService people, PeopleConfiguration config) {
        super("purge-contact-data");
        this.people = people;
        this.periodMillis = config.getPurgeCheckEvery().toMilliseconds();
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "contact-data-purge");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        GracefulShutdown.stop(scheduler, Duration.ofSeconds(10));
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        output.println("purged the contact data of " + people.purgeExpiredContactData() + " people");
    }

    private void runQuietly() {
        try {
            long purged = people.purgeExpiredContactData();
            if (purged > 0) {
                LOG.info("Erased the contact data of {} affected people whose retention ran out", purged);
            }
        } catch (RuntimeException e) {
            // Only the type: a message might quote a value. The next run tries again.
            LOG.error("Contact-data purge failed ({}); retrying at the next run", e.getClass().getName());
        }
    }
}
