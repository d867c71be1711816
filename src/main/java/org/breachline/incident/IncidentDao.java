package org.breachline.incident;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RegisterConstructorMapper(IncidentRow.class)
@RegisterConstructorMapper(TimelineEntry.class)
interface IncidentDao {
    String COLUMNS = "id, incident_key, stage, version, title, description, severity, occurred_at, detected_at, "
            + "aware_at, determined_at, contained_at, assessed_at, role, controller_contact, data_categories, "
            + "encryption, affected_estimate, risk, cause, time_zone, events, closed_at, created_at, created_by, "
            + "updated_at";
    String FILTER = " WHERE (:stage IS NULL OR stage = :stage) AND (:severity IS NULL OR severity = :severity) "
            + "AND (:pattern IS NULL OR LOWER(title) LIKE :pattern ESCAPE '!' "
            + "OR LOWER(incident_key) LIKE :pattern ESCAPE '!' OR LOWER(description) LIKE :pattern ESCAPE '!')";

    @SqlUpdate("INSERT INTO incident (id, incident_key, stage, version, title, description, severity, occurred_at, "
            + "detected_at, aware_at, determined_at, contained_at, assessed_at, role, controller_contact, "
            + "data_categories, encryption, affected_estimate, risk, cause, time_zone, events, closed_at, created_at, "
            + "created_by, updated_at) VALUES (:id, :incidentKey, :stage, :version, :title, :description, :severity, "
            + ":occurredAt, :detectedAt, :awareAt, :determinedAt, :containedAt, :assessedAt, :role, "
            + ":controllerContact, :dataCategories, :encryption, :affectedEstimate, :risk, :cause, :timeZone, "
            + ":events, :closedAt, :createdAt, :createdBy, :updatedAt)")
    void insert(@BindMethods IncidentRow row);

    /** Writes a new state if nobody else wrote since {@code expectedVersion}; returns the rows changed (0 or 1). */
    @SqlUpdate("UPDATE incident SET stage = :stage, version = :version, title = :title, description = :description, "
            + "severity = :severity, occurred_at = :occurredAt, detected_at = :detectedAt, aware_at = :awareAt, "
            + "determined_at = :determinedAt, contained_at = :containedAt, assessed_at = :assessedAt, role = :role, "
            + "controller_contact = :controllerContact, data_categories = :dataCategories, encryption = :encryption, "
            + "affected_estimate = :affectedEstimate, risk = :risk, cause = :cause, time_zone = :timeZone, "
            + "events = :events, closed_at = :closedAt, updated_at = :updatedAt "
            + "WHERE id = :id AND version = :expectedVersion")
    int update(@BindMethods IncidentRow row, @Bind("expectedVersion") long expectedVersion);

    @SqlQuery("SELECT " + COLUMNS + " FROM incident WHERE id = :id")
    Optional<IncidentRow> find(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM incident WHERE incident_key = :key")
    Optional<IncidentRow> findByKey(@Bind("key") String key);

    /** Locks the incident's row for the rest of the transaction, so concurrent edits apply one after another. */
    @SqlQuery("SELECT " + COLUMNS + " FROM incident WHERE id = :id FOR UPDATE")
    Optional<IncidentRow> lock(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM incident" + FILTER
            + " ORDER BY created_at DESC, incident_key DESC LIMIT :limit OFFSET :offset")
    List<IncidentRow> list(@Bind("stage") String stage, @Bind("severity") String severity,
                           @Bind("pattern") String pattern, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM incident" + FILTER)
    long count(@Bind("stage") String stage, @Bind("severity") String severity, @Bind("pattern") String pattern);

    @SqlUpdate("UPDATE incident_key_counter SET last_value = last_value + 1 WHERE key_year = :year")
    int bumpKeyCounter(@Bind("year") int year);

    @SqlQuery("SELECT last_value FROM incident_key_counter WHERE key_year = :year")
    int keyCounter(@Bind("year") int year);

    // Both PostgreSQL and H2 (in its PostgreSQL mode) wait for a concurrent insert of the key and then do nothing.
    @SqlUpdate("INSERT INTO incident_key_counter (key_year, last_value) VALUES (:year, 0) ON CONFLICT DO NOTHING")
    void createKeyCounterIfAbsent(@Bind("year") int year);

    @SqlUpdate("INSERT INTO incident_timeline (incident_id, at, actor, kind, text, data) "
            + "VALUES (:incidentId, :at, :actor, :kind, :text, :data)")
    @GetGeneratedKeys("id")
    long appendTimeline(@Bind("incidentId") UUID incidentId, @Bind("at") Instant at, @Bind("actor") String actor,
                        @Bind("kind") String kind, @Bind("text") String text, @Bind("data") String data);

    @SqlQuery("SELECT id, incident_id, at, actor, kind, text, data FROM incident_timeline WHERE incident_id = :id "
            + "ORDER BY id LIMIT :limit OFFSET :offset")
    List<TimelineEntry> timeline(@Bind("id") UUID incidentId, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM incident_timeline WHERE incident_id = :id")
    long timelineSize(@Bind("id") UUID incidentId);

    @SqlQuery("SELECT id, incident_id, at, actor, kind, text, data FROM incident_timeline WHERE id = :id")
    TimelineEntry timelineEntry(@Bind("id") long id);
}
