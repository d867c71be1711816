package org.breachline.obligation;

import io.dropwizard.lifecycle.Managed;
import org.breachline.auth.Actor;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentService;
import org.breachline.incident.Stage;
import org.breachline.incident.TimelineKind;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.breachline.lifecycle.GracefulShutdown;

/**
 * Reminds responders before each deadline (at each configured offset) and once it has passed. Each reminder is
 * claimed by inserting its row under a unique key, so it is sent once across restarts and across instances.
 */
public class ReminderScheduler implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ReminderScheduler.class);
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final ReminderChannel channel;
    private final List<Duration> before;
    private final Duration pollEvery;
    private final Clock clock;
    private final String instance;
    private ScheduledExecutorService executor;

    public ReminderScheduler(Jdbi jdbi, IncidentService incidents, ReminderChannel channel,
                             DeadlinesConfiguration.Reminders config, Clock clock) {
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.channel = channel;
        this.before = config.getBefore().stream().map(io.dropwizard.util.Duration::toJavaDuration)
                .sorted(Comparator.reverseOrder()).toList();
        this.pollEvery = config.getPollEvery().toJavaDuration();
        this.clock = clock;
        this.instance = "reminders@" + ManagementFactory.getRuntimeMXBean().getName();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "deadline-reminders");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tickQuietly, pollEvery.toMillis(), pollEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        GracefulShutdown.stop(executor, Duration.ofSeconds(10));
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("Deadline reminder pass failed; the next pass retries", e);
        }
    }

    /** One pass: sends every reminder that is due and not yet sent. Returns how many this instance sent. */
    public int tick() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Duration horizon = before.isEmpty() ? Duration.ZERO : before.get(0);
        int sent = 0;
        int offset = 0;
        List<StoredObligation> batch;
        do {
            int from = offset;
            batch = jdbi.withExtension(ObligationDao.class, dao -> dao.pendingDueBy(now.plus(horizon), BATCH, from));
            for (StoredObligation o : batch) {
                sent += remind(o, now);
            }
            offset += BATCH;
        } while (batch.size() == BATCH);
        return sent;
    }

    private int remind(StoredObligation o, Instant now) {
        List<String> due = new ArrayList<>();
        for (Duration d : before) {
            if (!now.isBefore(o.dueAt().minus(d)) && now.isBefore(o.dueAt())) {
                due.add("BEFORE_" + d);
            }
        }
        if (!now.isBefore(o.dueAt())) {
            due.add("OVERDUE");
        }
        if (due.isEmpty()) {
            return 0;
        }
        Incident incident = incidents.get(o.incidentId().toString());
        if (incident.stage() == Stage.CLOSED) {
            return 0;
        }
        // Only the most urgent one is delivered; earlier offsets missed while no instance ran are marked as passed.
        String deliver = due.get(due.size() - 1);
        int sent = 0;
        for (String kind : due) {
            if (claim(o, kind, now, incident, kind.equals(deliver))) {
                sent += kind.equals(deliver) ? 1 : 0;
            }
        }
        return sent;
    }

    private boolean claim(StoredObligation o, String kind, Instant now, Incident incident, boolean deliver) {
        ObligationView view = ObligationView.of(o, now);
        String text = text(o, kind, now);
        try {
            boolean claimed = jdbi.inTransaction(h -> {
                ObligationDao dao = h.attach(ObligationDao.class);
                if (dao.reminderCount(o.id(), kind, o.dueAt()) > 0) {
                    return false;
                }
                dao.recordReminder(o.id(), kind, o.dueAt(), now, instance);
                if (deliver) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("obligationId", o.id());
                    data.put("ruleId", o.ruleId());
                    data.put("kind", kind);
                    data.put("dueAt", o.dueAt().toString());
                    incidents.appendTimeline(h, o.incidentId(), Actor.system("reminders"), TimelineKind.REMINDER_SENT,
                            text, data);
                }
                return true;
            });
            if (claimed && deliver) {
                channel.remind(incident, view, kind, text);
            }
            return claimed;
        } catch (JdbiException e) {
            // Another instance claimed the same reminder between our check and our insert.
            return false;
        }
    }

    private static String text(StoredObligation o, String kind, Instant now) {
        Duration left = Duration.between(now, o.dueAt());
        String when = kind.equals("OVERDUE") ? "was due " + o.dueAt() + " (overdue by " + human(left.negated()) + ")"
                : "is due " + o.dueAt() + " (in " + human(left) + ")";
        return "Reminder: " + o.ruleId() + " (" + o.recipient() + ", " + o.jurisdiction() + ") " + when;
    }

    private static String human(Duration d) {
        long h = d.toHours();
        return h >= 48 ? d.toDays() + " days" : h >= 1 ? h + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min";
    }
}
