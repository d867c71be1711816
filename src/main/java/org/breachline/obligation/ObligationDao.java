package org.breachline.obligation;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RegisterConstructorMapper(StoredObligation.class)
interface ObligationDao {
    String COLUMNS = "id, incident_id, rule_id, phase, jurisdiction, recipient, deadline_kind, due_at, target_at, "
            + "basis, citation, status, reason, fulfilled_at, fulfilled_by, filing_reference, filing_note, updated_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM obligation WHERE incident_id = :incidentId")
    List<StoredObligation> forIncident(@Bind("incidentId") UUID incidentId);

    @SqlQuery("SELECT " + COLUMNS + " FROM obligation WHERE id = :id AND incident_id = :incidentId FOR UPDATE")
    Optional<StoredObligation> lock(@Bind("incidentId") UUID incidentId, @Bind("id") long id);

    @SqlUpdate("INSERT INTO obligation (incident_id, rule_id, phase, jurisdiction, recipient, deadline_kind, due_at, "
            + "target_at, basis, citation, status, reason, updated_at) VALUES (:incidentId, :ruleId, :phase, "
            + ":jurisdiction, :recipient, :deadlineKind, :dueAt, :targetAt, :basis, :citation, :status, :reason, "
            + ":updatedAt)")
    void insert(@BindMethods StoredObligation o);

    @SqlUpdate("UPDATE obligation SET jurisdiction = :jurisdiction, recipient = :recipient, "
            + "deadline_kind = :deadlineKind, due_at = :dueAt, target_at = :targetAt, basis = :basis, "
            + "citation = :citation, status = :status, reason = :reason, updated_at = :updatedAt "
            + "WHERE id = :id AND status <> 'DONE'")
    int updateComputed(@BindMethods StoredObligation o);

    @SqlUpdate("UPDATE obligation SET status = 'DONE', fulfilled_at = :at, fulfilled_by = :by, "
            + "filing_reference = :reference, filing_note = :note, updated_at = :now WHERE id = :id AND status = 'PENDING'")
    int fulfil(@Bind("id") long id, @Bind("at") Instant at, @Bind("by") String by,
               @Bind("reference") String reference, @Bind("note") String note, @Bind("now") Instant now);

    /** Open obligations due by {@code until} (overdue ones included), soonest first. */
    @SqlQuery("SELECT " + COLUMNS + " FROM obligation WHERE status = 'PENDING' AND due_at IS NOT NULL "
            + "AND due_at <= :until ORDER BY due_at, id LIMIT :limit OFFSET :offset")
    List<StoredObligation> pendingDueBy(@Bind("until") Instant until, @Bind("limit") int limit,
                                        @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM obligation WHERE status = 'PENDING' AND due_at IS NOT NULL AND due_at <= :until")
    long countPendingDueBy(@Bind("until") Instant until);

    @SqlUpdate("INSERT INTO obligation_reminder (obligation_id, kind, due_at, sent_at, sent_by) "
            + "VALUES (:id, :kind, :dueAt, :now, :by)")
    void recordReminder(@Bind("id") long obligationId, @Bind("kind") String kind, @Bind("dueAt") Instant dueAt,
                        @Bind("now") Instant now, @Bind("by") String by);

    @SqlQuery("SELECT COUNT(*) FROM obligation_reminder WHERE obligation_id = :id AND kind = :kind AND due_at = :dueAt")
    int reminderCount(@Bind("id") long obligationId, @Bind("kind") String kind, @Bind("dueAt") Instant dueAt);
}
