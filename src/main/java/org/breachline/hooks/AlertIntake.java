package org.breachline.hooks;

import org.breachline.auth.Actor;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentFacts;
import org.breachline.incident.IncidentService;
import org.breachline.incident.TimelineAppend;
import org.breachline.incident.TimelineKind;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies the alerts of stored deliveries to incidents, inside the caller's transaction: opens an incident for a new
 * fingerprint, adds repeats and resolutions to the open one, as {@link DedupPolicy} decides. One delivery (INLINE, a
 * replayed dead letter) or a batch of queued ones (the worker) go through the same steps.
 *
 * <p>Concurrency: each (source, fingerprint) has one row in {@code hook_alert_group}, locked with
 * {@code SELECT … FOR UPDATE} before deciding, so concurrent deliveries of one fingerprint are applied one after the
 * other and a burst opens exactly one incident. All fingerprints of the deliveries are locked first, sorted by
 * (source, fingerprint), before any incident is opened (which locks the key counter and the audit chain): with one
 * lock order there is no deadlock. Within a batch each group row is read and written once, however many of its alerts
 * the batch holds; every alert still gets its own timeline entry. No incident is read: the group row holds its
 * incident's key, and {@link ClosedIncidents} records which incidents are closed.
 */
final class AlertIntake {
    private final IncidentService incidents;
    private final DedupPolicy policy = new DedupPolicy();
    private final long maxTimelinePayload;

    AlertIntake(IncidentService incidents, long maxTimelinePayload) {
        this.incidents = incidents;
        this.maxTimelinePayload = maxTimelinePayload;
    }

    /**
     * One stored delivery's alerts, ready to apply.
     *
     * @param receivedAt when we received it: the dedup window is measured in receive times, however late it is applied
     * @param coalesced  the ids of identical deliveries of the same source folded into this one; they share its
     *                   timeline entries, which name them
     */
    record Delivery(AlertSource source, long deliveryId, Instant receivedAt, List<Alert> alerts, List<Long> coalesced) {
        Delivery {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(receivedAt, "receivedAt");
            alerts = List.copyOf(alerts);
            coalesced = List.copyOf(coalesced);
        }
    }

    /** Applies the deliveries in the order given; answers what each alert of each delivery did, in the same order. */
    List<List<AlertResult>> apply(Handle h, List<Delivery> deliveries) {
        HookDao dao = h.attach(HookDao.class);
        TreeMap<GroupKey, Group> groups = new TreeMap<>();
        for (Delivery d : deliveries) {
            for (Alert alert : d.alerts()) {
                groups.putIfAbsent(new GroupKey(d.source().name().value(), alert.fingerprint()), null);
            }
        }
        lockGroups(dao, groups);
        // One read for the whole batch: which of the groups' incidents are closed (ClosedIncidents keeps the table).
        Set<UUID> linked = new HashSet<>();
        groups.values().forEach(g -> {
            if (g.row.incidentId() != null) {
                linked.add(g.row.incidentId());
            }
        });
        Set<UUID> closed = linked.isEmpty() ? Set.of() : new HashSet<>(dao.closedAmong(linked));
        groups.values().forEach(g -> g.open = g.row.incidentId() != null && !closed.contains(g.row.incidentId()));
        List<List<AlertResult>> results = new ArrayList<>(deliveries.size());
        List<TimelineAppend> entries = new ArrayList<>();
        for (Delivery d : deliveries) {
            List<AlertResult> ofDelivery = new ArrayList<>(d.alerts().size());
            for (Alert alert : d.alerts()) {
                ofDelivery.add(applyOne(h, d, alert, groups.get(new GroupKey(d.source().name().value(),
                        alert.fingerprint())), entries));
            }
            results.add(ofDelivery);
        }
        // Every alert's entry in one batched statement, in the order the alerts were applied.
        incidents.appendTimeline(h, entries);
        List<AlertGroupRow> changed = groups.values().stream().filter(g -> g.changed).map(g -> g.row).toList();
        if (!changed.isEmpty()) {
            dao.updateGroups(changed);
        }
        return results;
    }

    /**
     * Locks the groups' rows in (source, fingerprint) order, inserting the missing ones. Where every group of a source
     * exists (the steady state: groups are never deleted), one statement locks them all; JDBI's cost per statement
     * made the lock per fingerprint a fifth of the worker's time in the hook benchmark. A source with a new
     * fingerprint is locked one key at a time, inserting as it goes, so that the lock order holds there too.
     */
    private static void lockGroups(HookDao dao, TreeMap<GroupKey, Group> groups) {
        Map<String, List<String>> bySource = new TreeMap<>();
        groups.keySet().forEach(k -> bySource.computeIfAbsent(k.source(), s -> new ArrayList<>()).add(k.fingerprint()));
        for (Map.Entry<String, List<String>> e : bySource.entrySet()) {
            String source = e.getKey();
            List<String> fingerprints = e.getValue();
            if (dao.existingGroups(source, fingerprints).size() == fingerprints.size()) {
                List<AlertGroupRow> locked = dao.lockGroups(source, fingerprints);
                if (locked.size() != fingerprints.size()) {
                    throw new IllegalStateException("locked " + locked.size() + " of " + fingerprints.size()
                            + " alert groups that exist");
                }
                for (AlertGroupRow row : locked) {
                    groups.put(new GroupKey(source, row.fingerprint()), new Group(row));
                }
                continue;
            }
            for (String fingerprint : fingerprints) {
                // A new key is inserted first (a concurrent insert of the same key waits for the other transaction
                // and then inserts nothing) and then locked like the others.
                AlertGroupRow row = dao.lockGroup(source, fingerprint).orElseGet(() -> {
                    dao.ensureGroup(source, fingerprint);
                    return dao.lockGroup(source, fingerprint).orElseThrow();
                });
                groups.put(new GroupKey(source, fingerprint), new Group(row));
            }
        }
    }

    private AlertResult applyOne(Handle h, Delivery d, Alert alert, Group group, List<TimelineAppend> entries) {
        String name = d.source().name().value();
        Actor actor = Actor.system("hook:" + name);
        Instant at = d.receivedAt();
        AlertGroupRow row = group.row;
        LatestIncident found = row.incidentId() == null ? new LatestIncident.None()
                : new LatestIncident.Found(row.incidentId().toString(), group.open, row.openedAt(), row.lastAlertAt());
        DedupDecision decision = policy.decide(alert, at, d.source().dedupWindow(), found);
        // Several deliveries of one batch may come a few microseconds out of order: the last alert time never goes back.
        Instant last = row.lastAlertAt() == null || at.isAfter(row.lastAlertAt()) ? at : row.lastAlertAt();
        // The group counts the alerts of its current incident, coalesced deliveries included.
        long alerts = 1 + d.coalesced().size();
        if (decision instanceof DedupDecision.OpenNewIncident open) {
            Incident created = incidents.createIn(h, facts(alert, at), actor);
            entries.add(new TimelineAppend(created.id(), actor, TimelineKind.ALERT,
                    "Alert from " + name + ": " + alert.title(), data(alert, d, open.because())));
            group.update(new AlertGroupRow(name, alert.fingerprint(), created.id(), created.key(), at, at, null,
                    alerts), true);
            return new AlertResult(alert.fingerprint(), AlertResult.AlertAction.OPENED, open.because(),
                    created.key());
        }
        if (decision instanceof DedupDecision.AppendToIncident append) {
            boolean resolved = alert.status() == AlertStatus.RESOLVED;
            // A resolution is recorded on the incident but never closes it: closing is a person's decision.
            entries.add(new TimelineAppend(row.incidentId(), actor,
                    resolved ? TimelineKind.ALERT_RESOLVED : TimelineKind.ALERT,
                    (resolved ? "Alert resolved at " : "Alert repeated from ") + name + ": " + alert.title(),
                    data(alert, d, append.because())));
            group.update(new AlertGroupRow(name, alert.fingerprint(), row.incidentId(), row.incidentKey(),
                    row.openedAt(), last, resolved ? at : null, row.alertCount() + alerts), group.open);
            return new AlertResult(alert.fingerprint(),
                    resolved ? AlertResult.AlertAction.RESOLVED : AlertResult.AlertAction.APPENDED,
                    append.because(), row.incidentKey());
        }
        // Recorded only: kept in the delivery record (payload and all), with no incident to attach it to.
        return new AlertResult(alert.fingerprint(), AlertResult.AlertAction.RECORDED,
                ((DedupDecision.RecordOnly) decision).because(), null);
    }

    private static IncidentFacts facts(Alert alert, Instant receivedAt) {
        return new IncidentFacts(alert.title(), alert.description(),
                org.breachline.incident.Severity.valueOf(alert.severity().name()),
                alert.startsAt() != null && !alert.startsAt().isAfter(receivedAt) ? alert.startsAt() : null,
                receivedAt, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private Map<String, Object> data(Alert alert, Delivery d, DedupDecision.Because because) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", alert.source());
        data.put("fingerprint", alert.fingerprint());
        data.put("status", alert.status());
        data.put("severity", alert.severity());
        data.put("because", because);
        data.put("deliveryId", d.deliveryId());
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
        if (!d.coalesced().isEmpty()) {
            // Identical deliveries: one entry stands for all of them, and says which they were.
            data.put("coalesced", d.coalesced().size());
            data.put("coalescedDeliveries", d.coalesced());
        }
        // The payload as the sender wrote it (a JSON string of its text, not re-serialized JSON). Beyond the limit
        // it stays only in the delivery record, so that one huge alert cannot bloat every timeline read.
        if (alert.payload().size() <= maxTimelinePayload) {
            data.put("payload", alert.payload().text());
        } else {
            data.put("payloadOmitted", "larger than " + maxTimelinePayload + " bytes; kept with delivery "
                    + d.deliveryId());
        }
        return data;
    }

    /** The lock order of alert groups: by source, then fingerprint. */
    private record GroupKey(String source, String fingerprint) implements Comparable<GroupKey> {
        @Override
        public int compareTo(GroupKey other) {
            int bySource = source.compareTo(other.source);
            return bySource != 0 ? bySource : fingerprint.compareTo(other.fingerprint);
        }
    }

    /** One locked group row as the batch changes it, and whether its incident is open. */
    private static final class Group {
        private AlertGroupRow row;
        private boolean open;
        private boolean changed;

        Group(AlertGroupRow row) {
            this.row = row;
        }

        void update(AlertGroupRow after, boolean incidentOpen) {
            row = after;
            open = incidentOpen;
            changed = true;
        }
    }
}
