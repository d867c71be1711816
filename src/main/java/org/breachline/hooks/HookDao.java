package org.breachline.hooks;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RegisterConstructorMapper(DeliveryRow.class)
@RegisterRowMapper(AlertGroupRow.Mapper.class)
@RegisterRowMapper(QueuedDelivery.Mapper.class)
@RegisterConstructorMapper(QueueEntry.class)
interface HookDao {
    String DELIVERY = "id, source, received_at, status, payload, payload_size, payload_sha256, alert_count, "
            + "error_code, error_message, coalesced_into, processed_at, replayed_at, replayed_by";
    String GROUP = "source, fingerprint, incident_id, incident_key, opened_at, last_alert_at, resolved_at, alert_count";

    /** Deliveries received before then, except those still waiting in the queue. */
    @SqlUpdate("DELETE FROM hook_delivery WHERE received_at < :before AND (queue_id IS NULL OR NOT EXISTS (SELECT 1 "
            + "FROM hook_queue q WHERE q.id = hook_delivery.queue_id AND hook_delivery.id > q.applied_through))")
    int forgetDeliveriesBefore(@Bind("before") Instant before);

    @SqlUpdate("DELETE FROM hook_outbox WHERE created_at < :before AND status IN ('DELIVERED', 'FAILED')")
    int forgetOutboundBefore(@Bind("before") Instant before);

    @SqlUpdate("UPDATE hook_delivery SET status = 'PROCESSED', alert_count = :alerts, processed_at = :at, "
            + "error_code = NULL, error_message = NULL WHERE id = :id")
    void markProcessed(@Bind("id") long id, @Bind("alerts") int alerts, @Bind("at") Instant at);

    /** Marks a batch of unreadable deliveries as dead letters: the three lists side by side. */
    @SqlBatch("UPDATE hook_delivery SET status = 'DEAD_LETTER', error_code = :code, error_message = :message, "
            + "processed_at = :at WHERE id = :id")
    void markDead(@Bind("id") List<Long> ids, @Bind("code") List<String> codes, @Bind("message") List<String> messages,
                  @Bind("at") Instant at);

    @SqlUpdate("UPDATE hook_delivery SET replayed_at = :at, replayed_by = :by WHERE id = :id")
    void markReplayed(@Bind("id") long id, @Bind("at") Instant at, @Bind("by") String by);

    @SqlUpdate("UPDATE hook_delivery SET status = 'DEAD_LETTER', error_code = :code, error_message = :message, "
            + "processed_at = :at WHERE id = :id")
    void markDead(@Bind("id") long id, @Bind("code") String code, @Bind("message") String message,
                  @Bind("at") Instant at);

    @SqlQuery("SELECT " + DELIVERY + " FROM hook_delivery WHERE id = :id FOR UPDATE")
    Optional<DeliveryRow> lockDelivery(@Bind("id") long id);

    /**
     * Locks the oldest queue entries for the caller's transaction. Entries another instance's worker holds are skipped,
     * so several instances share the queue without waiting on each other.
     */
    @SqlQuery("SELECT id, last_delivery_id, applied_through FROM hook_queue ORDER BY first_delivery_id LIMIT :limit "
            + "FOR UPDATE SKIP LOCKED")
    List<QueueEntry> claimQueue(@Bind("limit") int limit);

    /** When the earliest delivery of the oldest queue entry was received; empty when nothing is queued. */
    @SqlQuery("SELECT MIN(queued_at) FROM hook_queue")
    Optional<OffsetDateTime> oldestQueued();

    @SqlQuery("SELECT id, last_delivery_id, applied_through FROM hook_queue WHERE id = :id FOR UPDATE")
    Optional<QueueEntry> lockQueueEntry(@Bind("id") long id);

    /**
     * The deliveries of these entries not yet applied, oldest first, at most {@code limit}; {@code after} and
     * {@code through} bound the entries' ranges. Written as a range of the primary key with the entries as a filter:
     * as a join of hook_queue to hook_delivery, PostgreSQL's plan scanned every delivery for each call (30-110 ms).
     */
    @SqlQuery("SELECT d.id, d.queue_id, d.source, d.received_at, d.payload, d.payload_sha256 FROM hook_delivery d "
            + "WHERE d.id > :after AND d.id <= :through AND d.queue_id IN (<entries>) "
            + "AND d.id > (SELECT q.applied_through FROM hook_queue q WHERE q.id = d.queue_id) "
            + "ORDER BY d.id LIMIT :limit")
    List<QueuedDelivery> waitingDeliveries(@BindList("entries") Collection<Long> entries, @Bind("after") long after,
                                           @Bind("through") long through, @Bind("limit") int limit);

    /** {@link #waitingDeliveries(Collection, long, long, int)} of these entries. */
    default List<QueuedDelivery> waitingDeliveries(List<QueueEntry> entries, int limit) {
        long after = Long.MAX_VALUE;
        long through = Long.MIN_VALUE;
        for (QueueEntry e : entries) {
            after = Math.min(after, e.appliedThrough());
            through = Math.max(through, e.lastDeliveryId());
        }
        return waitingDeliveries(entries.stream().map(QueueEntry::id).toList(), after, through, limit);
    }

    @SqlBatch("UPDATE hook_queue SET applied_through = :through WHERE id = :id")
    void advanceQueue(@Bind("id") List<Long> entries, @Bind("through") List<Long> appliedThrough);

    @SqlBatch("DELETE FROM hook_queue WHERE id = :id")
    void dequeue(@Bind("id") List<Long> entries);

    @SqlQuery("SELECT " + DELIVERY + " FROM hook_delivery WHERE status = 'DEAD_LETTER' "
            + "AND (:source IS NULL OR source = :source) ORDER BY id DESC LIMIT :limit OFFSET :offset")
    List<DeliveryRow> deadLetters(@Bind("source") String source, @Bind("limit") int limit,
                                  @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM hook_delivery WHERE status = 'DEAD_LETTER' AND (:source IS NULL OR source = :source)")
    long countDeadLetters(@Bind("source") String source);

    @SqlUpdate("INSERT INTO hook_alert_group (source, fingerprint, alert_count) VALUES (:source, :fingerprint, 0) "
            + "ON CONFLICT DO NOTHING")
    void ensureGroup(@Bind("source") String source, @Bind("fingerprint") String fingerprint);

    @SqlQuery("SELECT " + GROUP + " FROM hook_alert_group WHERE source = :source AND fingerprint = :fingerprint "
            + "FOR UPDATE")
    Optional<AlertGroupRow> lockGroup(@Bind("source") String source, @Bind("fingerprint") String fingerprint);

    /** Which of these fingerprints of the source have a group row already; no lock taken. */
    @SqlQuery("SELECT fingerprint FROM hook_alert_group WHERE source = :source AND fingerprint IN (<fingerprints>)")
    List<String> existingGroups(@Bind("source") String source,
                                @BindList("fingerprints") Collection<String> fingerprints);

    /**
     * {@link #lockGroup} for many fingerprints of one source in one statement, locked in fingerprint order. That is the
     * database's collation order: where it differs from Java's (not under C or C.UTF-8, nor H2's default), a worker
     * locking these and one inserting a new fingerprint can deadlock, and the database's victim is retried.
     */
    @SqlQuery("SELECT " + GROUP + " FROM hook_alert_group WHERE source = :source AND fingerprint IN (<fingerprints>) "
            + "ORDER BY fingerprint FOR UPDATE")
    List<AlertGroupRow> lockGroups(@Bind("source") String source,
                                   @BindList("fingerprints") Collection<String> fingerprints);

    @SqlBatch("UPDATE hook_alert_group SET incident_id = :incidentId, incident_key = :incidentKey, opened_at = :openedAt, "
            + "last_alert_at = :lastAlertAt, resolved_at = :resolvedAt, alert_count = :alertCount "
            + "WHERE source = :source AND fingerprint = :fingerprint")
    void updateGroups(@BindMethods List<AlertGroupRow> groups);

    /** Which of these incidents are closed, as {@link ClosedIncidents} recorded it. */
    @SqlQuery("SELECT incident_id FROM hook_closed_incident WHERE incident_id IN (<ids>)")
    List<UUID> closedAmong(@BindList("ids") Collection<UUID> incidentIds);

    @SqlUpdate("INSERT INTO hook_closed_incident (incident_id) VALUES (:id) ON CONFLICT DO NOTHING")
    void markClosed(@Bind("id") UUID incidentId);

    @SqlUpdate("DELETE FROM hook_closed_incident WHERE incident_id = :id")
    void markReopened(@Bind("id") UUID incidentId);
}
