package org.breachline.people;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.PageRequest;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentService;
import org.breachline.incident.Stage;
import org.breachline.incident.TimelineKind;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/** Imports an incident's affected people, lists them, and erases their contact data when its retention runs out. */
public class PeopleService {
    /** The key under which people without a jurisdiction are counted. */
    public static final String UNKNOWN_JURISDICTION = "unknown";

    private final Jdbi jdbi;
    private final IncidentService incidents;
    private final AuditLog audit;
    private final Clock clock;
    private final ContactSealer sealer;
    private final AffectedPeopleReader reader;
    private final PeopleConfiguration config;
    private final ObjectMapper mapper;

    public PeopleService(Jdbi jdbi, IncidentService incidents, AuditLog audit, Clock clock, ContactSealer sealer,
                         PeopleConfiguration config, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
        this.sealer = sealer;
        this.reader = new AffectedPeopleReader(new ImportSettings(config.getDefaultRegion()));
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * Imports a file in one transaction: every person, every rejection, the import record, the incident's affected
     * counts (through {@link IncidentService#patch}, so the timeline and obligations follow), the timeline entry and
     * the audit entry commit together, or — for a file that cannot be read to its end — nothing does.
     */
    public ImportReport importPeople(String incidentRef, ImportFormat format, InputStream file, Actor actor) {
        try {
            return jdbi.inTransaction(h -> {
                Incident incident = incidents.get(incidentRef);
                if (incident.stage() == Stage.CLOSED) {
                    throw ApiException.conflict("people.incident_closed", "Incident " + incident.key()
                            + " is closed; reopen it before importing people.", List.of());
                }
                PeopleDao dao = h.attach(PeopleDao.class);
                Instant now = now();
                UUID importId = UUID.randomUUID();
                var run = new PeopleImport(dao, NewPeopleWriter.on(h, dao), sealer, importId, incident.id(), incident.key(), now,
                        config.getBatchSize(), config.getRejectionsInResponse());
                dao.insertImport(run.record(format.name(), actor.name()));
                try (PersonRows rows = reader.open(file, format)) {
                    while (rows.hasNext()) {
                        run.accept(rows.next());
                    }
                } catch (RuntimeException e) {
                    run.cancel();
                    throw e;
                }
                run.finish();
                ImportRecord record = run.record(format.name(), actor.name());
                dao.finishImport(record);
                Map<String, Long> counts = counts(dao, incident.id());
                updateEstimate(incident, counts, actor);
                Map<String, Object> summary = summary(record);
                incidents.appendTimeline(h, incident.id(), actor, TimelineKind.PEOPLE_IMPORTED,
                        "Imported affected people: " + record.inserted() + " new, " + record.updated() + " updated, "
                                + record.unchanged() + " unchanged, " + record.duplicatesMerged()
                                + " duplicate rows merged, " + record.rejected() + " rows rejected", summary);
                audit.record(h, new AuditEvent(actor.name(), "people.import", "incident", incident.id().toString(),
                        summary));
                return new ImportReport(importId, incident.key(), format.name(), record.accepted(), record.rejected(),
                        record.inserted(), record.updated(), record.unchanged(), record.duplicatesMerged(),
                        run.firstRejections(), run.hasMoreRejections(),
                        "/api/incidents/" + incident.key() + "/people/imports/" + importId + "/rejections", counts);
            });
        } catch (ImportFileException e) {
            throw new ApiException(422, "people.file_unreadable", "The file cannot be imported"
                    + (e.line() > 0 ? " (line " + e.line() + ")" : "") + ": " + e.getMessage()
                    + ". Nothing was imported.", List.of(new ApiError.Detail(e.line() > 0 ? "line " + e.line()
                    : "file", e.getMessage())));
        } catch (UncheckedIOException e) {
            throw new ApiException(400, "people.upload_interrupted",
                    "The upload ended before the file was complete. Nothing was imported.");
        } catch (UnableToExecuteStatementException | NewPeopleWriter.BulkWriteException e) {
            if (isUniqueViolation(e)) {
                throw ApiException.conflict("people.import_conflict", "Another import of this incident ran at the "
                        + "same time and wrote the same people. Nothing of this import was kept; send it again.",
                        List.of());
            }
            throw e;
        }
    }

    /** Counts per jurisdiction and one page of people; contact data only when {@code withContact}. */
    public PeopleOverview list(String incidentRef, Optional<String> jurisdiction, PageRequest page,
                               boolean withContact, Actor actor) {
        Incident incident = incidents.get(incidentRef);
        String filter = jurisdiction.orElse(null);
        if (withContact) {
            // Reading contact data is itself worth a record: who looked at whose addresses, and when.
            return jdbi.inTransaction(h -> {
                audit.record(h, new AuditEvent(actor.name(), "people.contact_read", "incident",
                        incident.id().toString(), Map.of("limit", page.limit(), "offset", page.offset())));
                return overview(h.attach(PeopleDao.class), incident, filter, page, true);
            });
        }
        return jdbi.withHandle(h -> overview(h.attach(PeopleDao.class), incident, filter, page, false));
    }

    private PeopleOverview overview(PeopleDao dao, Incident incident, String jurisdiction, PageRequest page,
                                    boolean withContact) {
        Map<String, Long> counts = counts(dao, incident.id());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        // "unknown", the counts' key for people without a jurisdiction, filters as it is shown.
        boolean unknown = UNKNOWN_JURISDICTION.equals(jurisdiction);
        String code = unknown ? null : jurisdiction;
        List<PersonView> items = dao.page(incident.id(), code, unknown, page.limit(), page.offset()).stream()
                .map(p -> view(p, withContact)).toList();
        return new PeopleOverview(total, counts, items, dao.count(incident.id(), code, unknown), page.limit(),
                page.offset());
    }

    private PersonView view(StoredPerson p, boolean withContact) {
        return new PersonView(p.id(), sealer.open(p.referenceSealed(), ContactSealer.REFERENCE), p.locale(),
                p.jurisdiction(), p.emailSealed() != null, p.phoneSealed() != null, p.contactPurgedAt(),
                withContact ? sealer.open(p.nameSealed(), ContactSealer.NAME) : null,
                withContact ? sealer.open(p.emailSealed(), ContactSealer.EMAIL) : null,
                withContact ? sealer.open(p.phoneSealed(), ContactSealer.PHONE) : null);
    }

    /**
     * The people with these ids, their contact data still sealed, to be opened by whoever uses it (people whose data
     * was purged have none).
     */
    public List<SealedRecipient> sealedRecipients(java.util.Collection<Long> personIds) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withExtension(PeopleDao.class, dao -> dao.findByIds(personIds)).stream()
                .map(p -> new SealedRecipient(p, sealer))
                .toList();
    }

    /** Writes every rejection of an import as CSV ({@code line,field,reason}), streaming from the database. */
    public void writeRejections(String incidentRef, UUID importId, OutputStream out) {
        jdbi.useHandle(h -> {
            PeopleDao dao = h.attach(PeopleDao.class);
            try (Stream<Rejection> rejections = dao.rejections(importId)) {
                var writer = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8));
                writer.print("line,field,reason\r\n");
                rejections.forEach(r -> writer.print(r.line() + "," + csv(r.field()) + "," + csv(r.reason()) + "\r\n"));
                writer.flush();
            }
        });
    }

    /** Checks that the import belongs to the incident before its rejections are streamed. */
    public ImportRecord findImport(String incidentRef, UUID importId) {
        Incident incident = incidents.get(incidentRef);
        return jdbi.withExtension(PeopleDao.class, dao -> dao.findImport(incident.id(), importId))
                .orElseThrow(() -> ApiException.notFound("people.import_not_found",
                        "Incident " + incident.key() + " has no import " + importId + "."));
    }

    /**
     * Erases name, e-mail and phone of the people of every incident closed longer ago than the configured retention;
     * references, locales and jurisdictions stay so that counts and history remain. Returns the people purged.
     */
    public long purgeExpiredContactData() {
        Instant now = now();
        Duration retention = Duration.ofMillis(config.getPurgeContactDataAfterClose().toMilliseconds());
        long purged = 0;
        for (UUID incidentId : jdbi.withExtension(PeopleDao.class, PeopleDao::incidentsWithContactData)) {
            purged += jdbi.inTransaction(h -> {
                Incident incident = incidents.get(incidentId.toString());
                if (incident.stage() != Stage.CLOSED || incident.closedAt() == null
                        || incident.closedAt().plus(retention).isAfter(now)) {
                    return 0;
                }
                int people = h.attach(PeopleDao.class).purgeContactData(incidentId, now);
                if (people > 0) {
                    Actor system = Actor.system("retention");
                    Map<String, Object> data = Map.of("people", people, "closedAt", incident.closedAt().toString(),
                            "retention", config.getPurgeContactDataAfterClose().toString());
                    incidents.appendTimeline(h, incidentId, system, TimelineKind.CONTACT_DATA_PURGED,
                            "Erased the contact data of " + people + " affected people, "
                                    + config.getPurgeContactDataAfterClose() + " after the incident closed", data);
                    audit.record(h, new AuditEvent(system.name(), "people.contact_purge", "incident",
                            incidentId.toString(), data));
                }
                return people;
            });
        }
        return purged;
    }

    private void updateEstimate(Incident incident, Map<String, Long> counts, Actor actor) {
        ObjectNode estimate = mapper.createObjectNode();
        counts.forEach((jurisdiction, n) -> {
            if (!UNKNOWN_JURISDICTION.equals(jurisdiction)) {
                estimate.put(jurisdiction, n);
            }
        });
        if (estimate.isEmpty()) {
            return;
        }
        ObjectNode patch = mapper.createObjectNode();
        patch.set("affectedEstimate", estimate);
        // Joins this transaction (JDBI reuses the thread's handle); a patch that changes nothing writes nothing.
        incidents.patch(incident.id().toString(), patch, Optional.empty(), actor);
    }

    private static Map<String, Long> counts(PeopleDao dao, UUID incidentId) {
        Map<String, Long> counts = new TreeMap<>();
        for (JurisdictionCount c : dao.countByJurisdiction(incidentId)) {
            counts.put(c.jurisdiction() == null ? UNKNOWN_JURISDICTION : c.jurisdiction(), c.people());
        }
        return counts;
    }

    private static Map<String, Object> summary(ImportRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("importId", r.id().toString());
        m.put("format", r.format());
        m.put("accepted", r.accepted());
        m.put("rejected", r.rejected());
        m.put("inserted", r.inserted());
        m.put("updated", r.updated());
        m.put("unchanged", r.unchanged());
        m.put("duplicatesMerged", r.duplicatesMerged());
        return m;
    }

    private static boolean isUniqueViolation(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
