package org.breachline.incident;

import org.breachline.text.Echo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.db.Database;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.JsonMergePatch;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.breachline.rules.Jurisdiction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/** Creates incidents, edits their facts, moves them through their stages, and keeps their timeline. */
public class IncidentService {
    private static final Pattern KEY = Pattern.compile("INC-\\d{4}-\\d{4,}");
    /** Fields a patch may not touch because they move only through their own endpoint or never. */
    private static final Map<String, String> NOT_PATCHABLE = Map.of(
            "stage", "changes only through POST /api/incidents/{id}/transitions",
            "id", "cannot change", "key", "cannot change", "version", "cannot change; send it as If-Match",
            "closedAt", "is set by closing the incident", "createdAt", "cannot change",
            "createdBy", "cannot change", "updatedAt", "cannot change", "allowedTransitions", "is computed");

    /** Facts every incident has from its creation on (their defaults), so that a patch may change but not remove them. */
    private static final java.util.Set<String> ALWAYS_SET = java.util.Set.of("title", "severity", "role", "encryption");

    /** How far ahead of this server's clock a recorded time (a fact, a filing) may be: a laptop's clock runs fast. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final List<IncidentListener> listeners = new CopyOnWriteArrayList<>();

    public IncidentService(Jdbi jdbi, AuditLog audit, Clock clock, ObjectMapper mapper, Validator validator) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.clock = clock;
        this.mapper = mapper;
        this.validator = validator;
        Database.cacheSqlObjects(jdbi, IncidentDao.class, TimelineDao.class);
    }

    public void addListener(IncidentListener listener) {
        listeners.add(listener);
    }

    public Incident create(IncidentFacts submitted, Actor actor) {
        Instant now = now();
        IncidentFacts facts = submitted.withCreationDefaults(now);
        validate(facts, null, now);
        return jdbi.inTransaction(h -> insert(h, facts, now, actor));
    }

    /**
     * Opens an incident inside another feature's transaction (alert hooks open incidents under their own dedup
     * lock), with the same defaults, validation, timeline, audit and listeners as {@link #create}.
     */
    public Incident createIn(Handle transaction, IncidentFacts submitted, Actor actor) {
        Instant now = now();
        IncidentFacts facts = submitted.withCreationDefaults(now);
        validate(facts, null, now);
        return insert(transaction, facts, now, actor);
    }

    /** Reads an incident inside another feature's transaction. */
    public Optional<Incident> findIn(Handle transaction, UUID id) {
        return transaction.attach(IncidentDao.class).find(id).map(IncidentRow::toIncident);
    }

    private Incident insert(Handle h, IncidentFacts facts, Instant now, Actor actor) {
        int year = now.atZone(ZoneOffset.UTC).getYear();
        IncidentDao dao = h.attach(IncidentDao.class);
        // In the same transaction: a second connection per request could exhaust the pool under a burst of alerts.
        dao.createKeyCounterIfAbsent(year);
        dao.bumpKeyCounter(year);
        String key = String.format(Locale.ROOT, "INC-%d-%04d", year, dao.keyCounter(year));
        Incident incident = new Incident(UUID.randomUUID(), key, Stage.DETECTION, 1, facts, null, now,
                actor.name(), now);
        dao.insert(IncidentRow.of(incident));
        timeline(dao, incident.id(), now, actor, TimelineKind.CREATED, "Incident " + key + " opened: "
                + facts.title(), Map.of("stage", Stage.DETECTION, "severity", facts.severity()));
        audit.record(h, new AuditEvent(actor.name(), "incident.create", "incident", incident.id().toString(),
                Map.of("key", key)));
        notifyListeners(h, null, incident, actor);
        return incident;
    }

    public Incident get(String ref) {
        return jdbi.withExtension(IncidentDao.class, dao -> find(dao, ref, false));
    }

    public Page<Incident> list(IncidentFilter filter, PageRequest page) {
        String pattern = filter.text() == null || filter.text().isBlank() ? null
                : "%" + filter.text().trim().toLowerCase(Locale.ROOT).replace("!", "!!")
                        .replace("%", "!%").replace("_", "!_") + "%";
        String stage = filter.stage() == null ? null : filter.stage().name();
        String severity = filter.severity() == null ? null : filter.severity().name();
        return jdbi.withExtension(IncidentDao.class, dao -> new Page<>(
                dao.list(stage, severity, pattern, page.limit(), page.offset()).stream()
                        .map(IncidentRow::toIncident).toList(),
                dao.count(stage, severity, pattern), page.limit(), page.offset()));
    }

    /**
     * Applies a JSON merge patch (RFC 7396) to the incident's facts. Concurrent patches are applied one after the
     * other under a row lock, so neither is lost; with {@code expectedVersion} the caller asks instead to be refused
     * when someone else changed the incident since it read it.
     */
    public Incident patch(String ref, ObjectNode patch, Optional<Long> expectedVersion, Actor actor) {
        JsonMergePatch.rejectUnpatchable(patch, NOT_PATCHABLE);
        JsonMergePatch.rejectRemoval(patch, ALWAYS_SET);
        return jdbi.inTransaction(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Incident before = find(dao, ref, true);
            expectedVersion.ifPresent(v -> {
                if (v != before.version()) {
                    throw versionConflict(before, v);
                }
            });
            ObjectNode merged = mapper.valueToTree(before.facts());
            JsonMergePatch.apply(merged, patch);
            IncidentFacts facts = JsonMergePatch.read(mapper, merged, IncidentFacts.class, "the incident");
            validate(facts, before.facts(), now());
            Map<String, Object> changes = changes(before.facts(), facts);
            if (changes.isEmpty()) {
                return before;
            }
            Instant now = now();
            Incident after = new Incident(before.id(), before.key(), before.stage(), before.version() + 1, facts,
                    before.closedAt(), before.createdAt(), before.createdBy(), now);
            write(dao, after, before.version());
            timeline(dao, after.id(), now, actor, TimelineKind.FACTS_CHANGED,
                    "Changed " + String.join(", ", changes.keySet()), changes);
            audit.record(h, new AuditEvent(actor.name(), "incident.update", "incident", after.id().toString(),
                    Map.of("fields", List.copyOf(changes.keySet()))));
            notifyListeners(h, before, after, actor);
            return after;
        });
    }

    public Incident transition(String ref, TransitionRequest request, Actor actor) {
        return jdbi.inTransaction(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Incident before = find(dao, ref, true);
            Stage.MoveKind kind = before.stage().moveTo(request.to()).orElseThrow(() -> ApiException.conflict(
                    "incident.illegal_transition", "An incident in " + before.stage() + " cannot move to "
                            + request.to() + "; it can move to " + before.stage().reachable() + ".",
                    List.of(new ApiError.Detail("to", "must be one of " + before.stage().reachable()))));
            List<StageRequirement> unmet = StageRequirement.unmet(before, request);
            if (!unmet.isEmpty()) {
                throw ApiException.conflict("incident.transition_requirements_unmet",
                        "Cannot move from " + before.stage() + " to " + request.to() + ": "
                                + String.join("; ", unmet.stream().map(r -> r.field() + " " + r.problem()).toList()) + ".",
                        unmet.stream().map(r -> new ApiError.Detail(r.field(), r.problem())).toList());
            }
            Instant now = now();
            IncidentFacts facts = before.facts();
            if (request.to() == Stage.ASSESSMENT && facts.containedAt() == null) {
                facts = facts.withContainedAt(now);
            }
            if (request.to() == Stage.NOTIFICATION && facts.assessedAt() == null) {
                facts = facts.withAssessedAt(now);
            }
            Instant closedAt = request.to() == Stage.CLOSED ? now : null;
            Incident after = new Incident(before.id(), before.key(), request.to(), before.version() + 1, facts,
                    closedAt, before.createdAt(), before.createdBy(), now);
            write(dao, after, before.version());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("from", before.stage());
            data.put("to", request.to());
            data.put("kind", kind);
            if (request.note() != null) {
                data.put("note", request.note());
            }
            if (request.reason() != null) {
                data.put("reason", request.reason());
            }
            String text = switch (kind) {
                case ADVANCE -> "Moved from " + before.stage() + " to " + request.to();
                case FALSE_POSITIVE -> "Closed as a false positive";
                case REOPEN -> "Reopened into " + request.to();
            } + (request.note() == null || request.note().isBlank() ? "" : ": " + request.note());
            timeline(dao, after.id(), now, actor,
                    kind == Stage.MoveKind.REOPEN ? TimelineKind.REOPENED : TimelineKind.STAGE_CHANGED, text, data);
            audit.record(h, new AuditEvent(actor.name(), "incident.transition", "incident", after.id().toString(),
                    Map.of("from", before.stage().name(), "to", request.to().name())));
            notifyListeners(h, before, after, actor);
            return after;
        });
    }

    public TimelineEntry addNote(String ref, NoteCreate note, Actor actor) {
        return jdbi.inTransaction(h -> {
            IncidentDao dao = h.attach(IncidentDao.class);
            Incident incident = find(dao, ref, false);
            long id = timeline(dao, incident.id(), now(), actor, TimelineKind.NOTE, note.text(), Map.of());
            audit.record(h, new AuditEvent(actor.name(), "incident.note", "incident", incident.id().toString(),
                    Map.of("timelineEntry", id)));
            return dao.timelineEntry(id);
        });
    }

    public Page<TimelineEntry> timeline(String ref, PageRequest page) {
        return jdbi.withExtension(IncidentDao.class, dao -> {
            Incident incident = find(dao, ref, false);
            return new Page<>(dao.timeline(incident.id(), page.limit(), page.offset()),
                    dao.timelineSize(incident.id()), page.limit(), page.offset());
        });
    }

    /** Appends to an incident's timeline inside another feature's transaction. */
    public long appendTimeline(Handle transaction, UUID incidentId, Actor actor, TimelineKind kind, String text,
                               Map<String, ?> data) {
        return timeline(transaction.attach(IncidentDao.class), incidentId, now(), actor, kind, text, data);
    }

    /**
     * Appends several entries inside another feature's transaction with one batched statement, in the order given
     * (their ids increase in that order), all stamped with the same time.
     */
    public void appendTimeline(Handle transaction, List<TimelineAppend> entries) {
        if (entries.isEmpty()) {
            return;
        }
        int n = entries.size();
        UUID[] incidentIds = new UUID[n];
        String[] actors = new String[n];
        String[] kinds = new String[n];
        String[] texts = new String[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            TimelineAppend e = entries.get(i);
            incidentIds[i] = e.incidentId();
            actors[i] = e.actor().name();
            kinds[i] = e.kind().name();
            texts[i] = e.text();
            data[i] = json(e.data());
        }
        transaction.attach(TimelineDao.class).appendAll(incidentIds, now(), actors, kinds, texts, data);
    }

    private long timeline(IncidentDao dao, UUID incidentId, Instant at, Actor actor, TimelineKind kind, String text,
                          Map<String, ?> data) {
        return dao.appendTimeline(incidentId, at, actor.name(), kind.name(), text, json(data));
    }

    private Incident find(IncidentDao dao, String ref, boolean lock) {
        Optional<IncidentRow> row;
        if (KEY.matcher(ref).matches()) {
            row = dao.findByKey(ref);
            if (lock && row.isPresent()) {
                row = dao.lock(row.get().id());
            }
        } else {
            UUID id;
            try {
                id = UUID.fromString(ref);
            } catch (IllegalArgumentException e) {
                throw notFound(ref);
            }
            row = lock ? dao.lock(id) : dao.find(id);
        }
        return row.map(IncidentRow::toIncident).orElseThrow(() -> notFound(ref));
    }

    private static ApiException notFound(String ref) {
        return ApiException.notFound("incident.not_found", "No incident with id or key " + Echo.quoted(ref) + ".");
    }

    private void write(IncidentDao dao, Incident after, long expectedVersion) {
        if (dao.update(IncidentRow.of(after), expectedVersion) != 1) {
            // Only reachable without the row lock; kept so that a lost update can never pass silently.
            throw versionConflict(after, expectedVersion);
        }
    }

    private static ApiException versionConflict(Incident current, long expected) {
        return ApiException.conflict("incident.version_conflict", "The incident was changed by someone else: you sent "
                + "version " + expected + ", it is now at version " + current.version() + ". Reload and retry.",
                List.of(new ApiError.Detail("If-Match", "expected " + current.version())));
    }

    /** Validates facts about to be stored; {@code before} (null for a new incident) spares the times not changed. */
    private void validate(IncidentFacts facts, IncidentFacts before, Instant now) {
        var violations = validator.validate(facts);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        List<ApiError.Detail> details = new ArrayList<>(timesInTheFuture(facts, before, now));
        facts.affectedEstimate().forEach((code, count) -> {
            if (!Jurisdiction.isValid(code)) {
                details.add(new ApiError.Detail(Echo.member("affectedEstimate", code),
                        Jurisdiction.problemWith(code)));
            } else if (count == null || count < 0) {
                details.add(new ApiError.Detail(Echo.member("affectedEstimate", code), "must be a count of 0 or more"));
            }
        });
        if (facts.timeZone() != null) {
            try {
                ZoneId.of(facts.timeZone());
            } catch (DateTimeException e) {
                details.add(new ApiError.Detail("timeZone", "is not an IANA time zone such as Europe/Berlin"));
            }
        }
        if (facts.role() == ProcessingRole.CONTROLLER && facts.controllerContact() != null) {
            details.add(new ApiError.Detail("controllerContact", "is only for a PROCESSOR"));
        }
        if (Set.copyOf(facts.dataCategories()).size() != facts.dataCategories().size()) {
            details.add(new ApiError.Detail("dataCategories", "must not repeat a category"));
        }
        if (!details.isEmpty()) {
            throw new ApiException(422, "request.validation_failed", details.stream()
                    .map(d -> d.field() + " " + d.problem()).reduce((a, b) -> a + "; " + b).orElse(""), details);
        }
    }

    /**
     * Every time of the facts says when something happened, and the regulators' clocks run from them: an awareAt in
     * 9999 (a typo for 2026) stopped every clock for millennia. A few minutes ahead is let through for clock skew;
     * a time already stored is not judged again, so an edit of the title never fails on it.
     */
    private static List<ApiError.Detail> timesInTheFuture(IncidentFacts facts, IncidentFacts before, Instant now) {
        Instant latest = now.plus(FUTURE_TOLERANCE);
        Map<String, Instant> stored = before == null ? Map.of() : timesOf(before);
        List<ApiError.Detail> details = new ArrayList<>();
        timesOf(facts).forEach((field, at) -> {
            if (at.isAfter(latest) && !at.equals(stored.get(field))) {
                details.add(new ApiError.Detail(field, "is in the future (it is now "
                        + now.truncatedTo(ChronoUnit.SECONDS) + "); give the time it happened"));
            }
        });
        return details;
    }

    /** The facts' times by field name, in the order of the facts, events last; absent ones left out. */
    private static Map<String, Instant> timesOf(IncidentFacts facts) {
        Map<String, Instant> times = new LinkedHashMap<>();
        times.put("occurredAt", facts.occurredAt());
        times.put("detectedAt", facts.detectedAt());
        times.put("awareAt", facts.awareAt());
        times.put("determinedAt", facts.determinedAt());
        times.put("containedAt", facts.containedAt());
        times.put("assessedAt", facts.assessedAt());
        new TreeMap<>(facts.events()).forEach((event, at) -> times.put("events." + event.name(), at));
        times.values().removeIf(Objects::isNull);
        return times;
    }

    private Map<String, Object> changes(IncidentFacts before, IncidentFacts after) {
        JsonNode a = mapper.valueToTree(before);
        JsonNode b = mapper.valueToTree(after);
        Map<String, Object> changes = new LinkedHashMap<>();
        b.fieldNames().forEachRemaining(f -> {
            if (!a.path(f).equals(b.path(f))) {
                Map<String, JsonNode> change = new LinkedHashMap<>();
                change.put("from", a.get(f));
                change.put("to", b.get(f));
                changes.put(f, change);
            }
        });
        return changes;
    }

    private void notifyListeners(Handle h, Incident before, Incident after, Actor actor) {
        for (IncidentListener l : listeners) {
            l.incidentChanged(h, before, after, actor);
        }
    }

    private String json(Map<String, ?> data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
