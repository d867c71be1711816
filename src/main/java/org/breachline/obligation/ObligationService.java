package org.breachline.obligation;

import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentFacts;
import org.breachline.incident.IncidentListener;
import org.breachline.incident.IncidentService;
import org.breachline.incident.ProcessingRole;
import org.breachline.incident.TimelineKind;
import org.breachline.rules.Evaluation;
import org.breachline.rules.NotRequired;
import org.breachline.rules.Obligation;
import org.breachline.rules.RulesEngine;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps each incident's obligations in step with its facts: recomputed inside every incident change, filings
 * recorded as evidence that later recomputation never touches, and the cross-incident view of what is due.
 */
public class ObligationService implements IncidentListener {
    private final Jdbi jdbi;
    private final RulesEngine engine;
    private final IncidentFactsMapper mapper;
    private final List<DeadlinesConfiguration.ControllerContract> contracts;
    private final IncidentService incidents;
    private final AuditLog audit;
    private final Clock clock;

    public ObligationService(Jdbi jdbi, RulesEngine engine, DeadlinesConfiguration config, IncidentService incidents,
                             AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.engine = engine;
        this.mapper = new IncidentFactsMapper(config.getOrganisation(), java.time.ZoneId.of(config.getDefaultTimeZone()));
        this.contracts = List.copyOf(config.getContracts());
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void incidentChanged(Handle transaction, Incident before, Incident after, Actor actor) {
        if (before != null && Objects.equals(before.facts(), after.facts())) {
            return;
        }
        recompute(transaction, after, actor);
    }

    /** Brings the stored obligations in line with what the facts now require, and says on the timeline what moved. */
    void recompute(Handle h, Incident incident, Actor actor) {
        ObligationDao dao = h.attach(ObligationDao.class);
        Map<String, StoredObligation> stored = dao.forIncident(incident.id()).stream()
                .collect(Collectors.toMap(StoredObligation::key, Function.identity()));
        Map<String, Instant> fulfilled = new HashMap<>();
        stored.values().stream().filter(StoredObligation::done)
                .forEach(o -> fulfilled.merge(o.ruleId(), o.fulfilledAt(), (a, b) -> a.isBefore(b) ? a : b));
        Optional<Evaluation> evaluation = mapper.facts(incident, fulfilled).map(engine::evaluate);
        if (evaluation.isEmpty()) {
            return;
        }
        Instant now = now();
        Map<String, StoredObligation> wanted = new LinkedHashMap<>();
        for (Obligation o : evaluation.get().obligations()) {
            StoredObligation row = new StoredObligation(0, incident.id(), o.ruleId(), Objects.toString(o.phase(), ""),
                    o.jurisdiction(), o.recipient().name(), o.deadlineKind().name(), o.dueAt(), o.targetAt(),
                    o.basis(), o.citation(), ObligationStatus.PENDING.name(), null, null, null, null, null, now);
            wanted.put(row.key(), row);
        }
        contractObligations(incident, now).forEach(row -> wanted.put(row.key(), row));
        for (NotRequired n : evaluation.get().notRequired()) {
            StoredObligation row = notRequired(incident.id(), n.ruleId(), "", n.jurisdiction(), n.reason(), now);
            wanted.putIfAbsent(row.key(), row);
        }
        for (StoredObligation old : stored.values()) {
            if (!wanted.containsKey(old.key())) {
                wanted.put(old.key(), notRequired(incident.id(), old.ruleId(), old.phase(), old.jurisdiction(),
                        "no longer applies to the incident's facts", now));
            }
        }

        List<Map<String, Object>> changes = new ArrayList<>();
        for (StoredObligation want : wanted.values()) {
            StoredObligation old = stored.get(want.key());
            if (old == null) {
                dao.insert(want);
                if (!want.status().equals(ObligationStatus.NOT_REQUIRED.name())) {
                    changes.add(change("new", want, null));
                }
            } else if (!old.done() && differs(old, want)) {
                dao.updateComputed(withId(want, old.id()));
                if (!Objects.equals(old.status(), want.status())) {
                    changes.add(change(want.status().equals(ObligationStatus.NOT_REQUIRED.name())
                            ? "no_longer_required" : "required_again", want, old));
                } else if (!Objects.equals(old.dueAt(), want.dueAt()) || !Objects.equals(old.deadlineKind(),
                        want.deadlineKind())) {
                    changes.add(change("deadline_moved", want, old));
                }
            }
        }
        if (!changes.isEmpty()) {
            incidents.appendTimeline(h, incident.id(), actor, TimelineKind.OBLIGATIONS_CHANGED, summary(changes),
                    Map.of("changes", changes));
        }
    }

    /** A processor owes each controller it has a contract with the notice that contract sets. */
    private List<StoredObligation> contractObligations(Incident incident, Instant now) {
        var facts = incident.facts();
        if (facts.role() != ProcessingRole.PROCESSOR || facts.controllerContact() == null || facts.awareAt() == null) {
            return List.of();
        }
        String controller = facts.controllerContact().name();
        return contracts.stream().filter(c -> c.getController().equalsIgnoreCase(controller)).map(c -> {
            java.time.Duration within = c.getNoticeWithin().toJavaDuration();
            return new StoredObligation(0, incident.id(), "contract:" + c.getController().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-"), "", "CONTRACT", "CONTROLLER", "FIXED",
                    facts.awareAt().plus(within), null, describe(within) + " after awareness ("
                    + facts.awareAt() + ") under the contract with " + c.getController(), c.getReference(),
                    ObligationStatus.PENDING.name(), null, null, null, null, null, now);
        }).toList();
    }

    public List<ObligationView> list(String incidentRef) {
        Incident incident = incidents.get(incidentRef);
        Instant now = now();
        return jdbi.withExtension(ObligationDao.class, dao -> dao.forIncident(incident.id())).stream()
                .map(o -> ObligationView.of(o, now))
                .sorted(ObligationView.SOONEST_FIRST).toList();
    }

    /**
     * A filing reports the breach, so it cannot precede it: an {@code at} of year 1 started the clocks that wait for
     * this filing in year 1 and made every later deadline overdue by two thousand years.
     */
    private static void requireNotBeforeTheIncident(Instant at, Incident incident) {
        IncidentFacts f = incident.facts();
        Instant earliest = java.util.stream.Stream.of(f.occurredAt(), f.detectedAt(), f.awareAt())
                .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
        if (earliest != null && at.isBefore(earliest)) {
            throw ApiException.invalidField("at", "must not be before the incident began (" + earliest
                    + ", its earliest of occurredAt, detectedAt and awareAt); if it began earlier, correct those first");
        }
    }

    /** Records a filing: the obligation becomes DONE with its evidence, and clocks that wait for it start. */
    public ObligationView fulfil(String incidentRef, long obligationId, Fulfilment fulfilment, Actor actor) {
        Instant now = now();
        Instant at = fulfilment.at() == null ? now : fulfilment.at().truncatedTo(ChronoUnit.MICROS);
        if (at.isAfter(now.plus(IncidentService.FUTURE_TOLERANCE))) {
            throw ApiException.invalidField("at", "is in the future (it is now "
                    + now.truncatedTo(ChronoUnit.SECONDS) + "); give the time it was filed");
        }
        Incident incident = incidents.get(incidentRef);
        requireNotBeforeTheIncident(at, incident);
        return jdbi.inTransaction(h -> {
            ObligationDao dao = h.attach(ObligationDao.class);
            StoredObligation o = dao.lock(incident.id(), obligationId).orElseThrow(() -> ApiException.notFound(
                    "obligation.not_found", "Incident " + incident.key() + " has no obligation " + obligationId + "."));
            if (!o.status().equals(ObligationStatus.PENDING.name())) {
                throw ApiException.conflict("obligation.not_pending", "Obligation " + obligationId + " is "
                        + o.status() + "; only a pending obligation can be fulfilled.",
                        List.of(new ApiError.Detail("status", o.status())));
            }
            dao.fulfil(o.id(), at, actor.name(), fulfilment.reference(), fulfilment.note(), now);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("obligationId", o.id());
            data.put("ruleId", o.ruleId());
            data.put("at", at.toString());
            data.put("reference", fulfilment.reference());
            incidents.appendTimeline(h, incident.id(), actor, TimelineKind.FILING_RECORDED, "Filed " + o.ruleId()
                    + " (" + o.recipient() + ", " + o.jurisdiction() + ")" + (fulfilment.reference() == null ? ""
                    : ", reference " + fulfilment.reference()), data);
            audit.record(h, new AuditEvent(actor.name(), "obligation.fulfil", "obligation", Long.toString(o.id()),
                    data));
            recompute(h, incidents.get(incident.id().toString()), actor);
            return ObligationView.of(dao.lock(incident.id(), obligationId).orElseThrow(), now);
        });
    }

    /** Open obligations across incidents due within {@code horizon} (overdue included), soonest first. */
    public Page<DeadlineView> dueWithin(java.time.Duration horizon, PageRequest page) {
        Instant now = now();
        Instant until = now.plus(horizon);
        return jdbi.withExtension(ObligationDao.class, dao -> {
            Map<UUID, Incident> cache = new HashMap<>();
            List<DeadlineView> items = dao.pendingDueBy(until, page.limit(), page.offset()).stream()
                    .map(o -> DeadlineView.of(ObligationView.of(o, now),
                            cache.computeIfAbsent(o.incidentId(), id -> incidents.get(id.toString())), now))
                    .toList();
            return new Page<>(items, dao.countPendingDueBy(until), page.limit(), page.offset());
        });
    }

    /** When an open notice to individuals falls due, and why. */
    public record NoticeDue(Instant at, String why) {
    }

    /**
     * The earliest open deadline (or internal target, for laws without a number) of the incident's notices to
     * individuals: what a notice campaign has to finish before.
     */
    public Optional<NoticeDue> earliestNoticeToIndividuals(UUID incidentId) {
        return jdbi.withExtension(ObligationDao.class, dao -> dao.forIncident(incidentId)).stream()
                .filter(o -> ObligationStatus.PENDING.name().equals(o.status()) && "INDIVIDUALS".equals(o.recipient()))
                .map(o -> o.dueAt() != null ? new NoticeDue(o.dueAt(), o.ruleId() + " (" + o.jurisdiction() + "): "
                        + o.basis()) : o.targetAt() == null ? null : new NoticeDue(o.targetAt(), o.ruleId() + " ("
                        + o.jurisdiction() + "): no fixed deadline, internal target"))
                .filter(Objects::nonNull)
                .min(Comparator.comparing(NoticeDue::at));
    }

    private static boolean differs(StoredObligation a, StoredObligation b) {
        return !Objects.equals(a.status(), b.status()) || !Objects.equals(a.dueAt(), b.dueAt())
                || !Objects.equals(a.deadlineKind(), b.deadlineKind()) || !Objects.equals(a.targetAt(), b.targetAt())
                || !Objects.equals(a.basis(), b.basis()) || !Objects.equals(a.reason(), b.reason())
                || !Objects.equals(a.recipient(), b.recipient()) || !Objects.equals(a.citation(), b.citation());
    }

    private static StoredObligation notRequired(UUID incident, String ruleId, String phase, String jurisdiction,
                                                String reason, Instant now) {
        return new StoredObligation(0, incident, ruleId, phase, jurisdiction, null, null, null, null, null, null,
                ObligationStatus.NOT_REQUIRED.name(), reason, null, null, null, null, now);
    }

    private static StoredObligation withId(StoredObligation o, long id) {
        return new StoredObligation(id, o.incidentId(), o.ruleId(), o.phase(), o.jurisdiction(), o.recipient(),
                o.deadlineKind(), o.dueAt(), o.targetAt(), o.basis(), o.citation(), o.status(), o.reason(),
                o.fulfilledAt(), o.fulfilledBy(), o.filingReference(), o.filingNote(), o.updatedAt());
    }

    private static Map<String, Object> change(String what, StoredObligation now, StoredObligation before) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("change", what);
        c.put("ruleId", now.ruleId());
        c.put("jurisdiction", now.jurisdiction());
        c.put("dueAt", now.dueAt() == null ? null : now.dueAt().toString());
        if (before != null) {
            c.put("previousDueAt", before.dueAt() == null ? null : before.dueAt().toString());
        }
        if (now.reason() != null) {
            c.put("reason", now.reason());
        }
        return c;
    }

    private static String summary(List<Map<String, Object>> changes) {
        return "Obligations changed: " + changes.stream()
                .sorted(Comparator.comparing(c -> String.valueOf(c.get("ruleId"))))
                .map(c -> switch (String.valueOf(c.get("change"))) {
                    case "new" -> "new " + c.get("ruleId") + (c.get("dueAt") == null ? "" : " due " + c.get("dueAt"));
                    case "deadline_moved" -> c.get("ruleId") + " moved from " + c.get("previousDueAt") + " to "
                            + c.get("dueAt");
                    case "no_longer_required" -> c.get("ruleId") + " no longer required (" + c.get("reason") + ")";
                    default -> c.get("ruleId") + " required again";
                }).collect(Collectors.joining("; "));
    }

    private static String describe(java.time.Duration d) {
        return d.toHours() > 0 && d.toMinutesPart() == 0 ? d.toHours() + " hours" : d.toMinutes() + " minutes";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
