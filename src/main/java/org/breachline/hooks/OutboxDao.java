package org.breachline.hooks;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;

@RegisterConstructorMapper(OutboxRow.class)
interface OutboxDao {
    String COLUMNS = "id, message_id, event_type, body, status, attempts, created_at, next_attempt_at, claimed_by, "
            + "claimed_at, last_error, delivered_at";

    @SqlUpdate("INSERT INTO hook_outbox (message_id, event_type, body, status, attempts, created_at, next_attempt_at) "
            + "VALUES (:messageId, :eventType, :body, 'PENDING', 0, :at, :at)")
    void enqueue(@Bind("messageId") String messageId, @Bind("eventType") String eventType, @Bind("body") String body,
                 @Bind("at") Instant at);

    @SqlQuery("SELECT " + COLUMNS + " FROM hook_outbox WHERE status = 'PENDING' AND next_attempt_at <= :now "
            + "ORDER BY next_attempt_at, id LIMIT :limit")
    List<OutboxRow> due(@Bind("now") Instant now, @Bind("limit") int limit);

    // The claim is a conditional update, so that of several instances exactly one sends each attempt.
    @SqlUpdate("UPDATE hook_outbox SET status = 'IN_FLIGHT', claimed_by = :by, claimed_at = :now, "
            + "attempts = attempts + 1 WHERE id = :id AND status = 'PENDING'")
    int claim(@Bind("id") long id, @Bind("by") String by, @Bind("now") Instant now);

    @SqlUpdate("UPDATE hook_outbox SET status = 'DELIVERED', delivered_at = :now, last_error = NULL WHERE id = :id")
    void delivered(@Bind("id") long id, @Bind("now") Instant now);

    @SqlUpdate("UPDATE hook_outbox SET status = :status, next_attempt_at = :next, last_error = :error WHERE id = :id")
    void failed(@Bind("id") long id, @Bind("status") String status, @Bind("next") Instant next,
                @Bind("error") String error);

    // A claim older than any attempt can take belongs to a crashed instance: send again (same message id).
    @SqlUpdate("UPDATE hook_outbox SET status = 'PENDING', last_error = 'claim expired' "
            + "WHERE status = 'IN_FLIGHT' AND claimed_at < :before")
    int releaseStaleClaims(@Bind("before") Instant before);

    @SqlQuery("SELECT " + COLUMNS + " FROM hook_outbox ORDER BY id")
    List<OutboxRow> all();
}
