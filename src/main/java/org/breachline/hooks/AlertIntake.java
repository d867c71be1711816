package org.breachline.hooks;

import org.breachline.auth.Actor;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentFacts;
import org.breachline.incident.IncidentService;
import org.breachline.incident.Stage;
import org.breachline.incident.TimelineKind;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Applies the alerts of one stored delivery to incidents, inside the delivery's transaction: opens an incident for a
 * new fingerprint, adds repeats and resolutions to the open one, as {@link DedupPolicy} decides.
 *
 * <p>Concurrency: each (source, fingerprint) has one row in {@code hook_alert_group}, locked with
 * {@code SELECT … FOR UPDATE} before deciding, so concurrent deliveries of one fingerprint are applied one after the
 * other and a burst opens exactly one incident. A delivery locks all its fingerprints first, in sorted order, before
 * it opens any incident (which locks the key counter and the audit chain): with one lock order there is no deadlock.
 */
final class AlertIntake {
    private final IncidentService incidents;
    private final DedupPolicy policy = new DedupPolicy();
    private final Clock clock;
    private final long maxTimelinePayload;

    AlertIntake(IncidentService incidents, Clock clock, long maxTimelinePayload) {
        this.incidents = incidents;
        this.clock = clock;
        this.maxTimelinePayload = maxTimelinePayload;
    }

    List<AlertResult> apply(Handle h, AlertSource source, long deliveryId, List<Alert> alerts, int coalesced) {
        HookDao dao = h.attach(HookDao.class);
        String name = source.name().value();
        Map<String, AlertGroupRow> groups = new HashMap<>();
        for (String fingerprint : new TreeSet<>(alerts.stream().map(Alert::fingerprint).toList())) {
            dao.ensureGroup(name, fingerprint);
            groups.put(fingerprint, dao.lockGroup(name, fingerprint));
        }
        Actor actor = Actor.system("hook:" + name);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<AlertResult> results = new ArrayList<>();
        for (Alert alert : alerts) {
            AlertGroupRow group = groups.get(alert.fingerprint());
            Incident latest = group.incidentId() == null ? null : incidents.findIn(h, group.incidentId()).orElse(null);
            LatestIncident found = latest == null ? new LatestIncident.None()
                    : new LatestIncident.Found(latest.id().toString(), latest.stage() != Stage.CLOSED,
                            group.openedAt(), group.lastAlertAt());
            DedupDecision decision = policy.decide(alert, now, source.dedupWindow(), found);
            AlertGroupRow after;
            AlertResult result;
            if (decision instanceof DedupDecision.OpenNewIncident open) {
                Incident created = incidents.createIn(h, facts(alert, now), actor);
                incidents.appendTimeline(h, created.id(), actor, TimelineKind.ALERT,
                        "Alert from " + name + ": " + alert.title(),
                        data(alert, deliveryId, open.because(), coalesced));
                after = new AlertGroupRow(name, alert.fingerprint(), created.id(), now, now, null, 1);
                result = new AlertResult(alert.fingerprint(), AlertResult.AlertAction.OPENED, open.because(),
                        created.key());
            } else if (decision instanceof DedupDecision.AppendToIncident append) {
                boolean resolved = alert.status() == AlertStatus.RESOLVED;
                // A resolution is recorded on the incident but never closes it: closing is a person's decision.
                incidents.appendTimeline(h, latest.id(), actor,
                        resolved ? TimelineKind.ALERT_RESOLVED : TimelineKind.ALERT,
                        (resolved ? "Alert resolved at " : "Alert repeated from ") + name + ": " + alert.title(),
                        data(alert, deliveryId, append.because(), coalesced));
                after = new AlertGroupRow(name, alert.fingerprint(), group.incidentId(), group.openedAt(), now,
                        resolved ? now : null, group.alertCount() + 1);
                result = new AlertResult(alert.fingerprint(),
                        resolved ? AlertResult.AlertAction.RESOLVED : AlertResult.AlertAction.APPENDED,
                        append.because(), latest.key());
            } else {
                // Recorded only: kept in the delivery record (payload and all), with no incident to attach it to.
                after = group;
                result = new AlertResult(alert.fingerprint(), AlertResult.AlertAction.RECORDED,
                        ((DedupDecision.RecordOnly) decision).because(), null);
            }
            if (after != group) {
                dao.updateGroup(name, alert.fingerprint(), after.incidentId(), after.openedAt(), after.lastAlertAt(),
                        after.resolvedAt(), after.alertCount());
                groups.put(alert.fingerprint(), after);
            }
            results.add(result);
        }
        return results;
    }

    private static IncidentFacts facts(Alert alert, Instant now) {
        return new IncidentFacts(cut(alert.title(), 200), alert.description() == null ? null
                : cut(alert.description(), 20000), org.breachline.incident.Severity.valueOf(alert.severity().name()),
                alert.startsAt() != null && !alert.startsAt().isAfter(now) ? alert.startsAt() : null, now, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private Map<String, Object> data(Alert alert, long deliveryId, DedupDecision.Because because, int coalesced) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", alert.source());
        data.put("fingerprint", alert.fingerprint());
        data.put("status", alert.status());
        data.put("severity", alert.severity());
        data.put("because", because);
        data.put("deliveryId", deliveryId);
        data.put("labels", alert.labels());
        if (alert.link() != null) {
            data.put("link", alert.link());
        }
        if (alert.startsAt() != null) {
            data.put("startsAt", alert.startsAt().toString());
        }
        if (alert.endsAt() != null) {
            data.put("endsAt", alert.endsAt().toString());
        }
        if (coalesced > 0) {
            data.put("coalesced", coalesced);
        }
        // The payload as the sender wrote it (a JSON string of its text, not re-serialized JSON). Beyond the limit
        // it stays only in the delivery record, so that one huge alert cannot bloat every timeline read.
        if (alert.payload().size() <= maxTimelinePayload) {
            data.put("payload", alert.payload().text());
        } else {
            data.put("payloadOmitted", "larger than " + maxTimelinePayload + " bytes; kept with delivery "
                    + deliveryId);
        }
        return data;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
