package org.breachline.hooks;

import org.breachline.db.Dialect;
import org.jdbi.v3.core.result.BatchResultBearing;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

// The few statements every delivery runs, apart from HookDao: JDBI builds a SqlObject's handlers on every attach to a
// new handle, and profiling showed that cost, which grows with the number of methods, dominating a deferred delivery.
interface DeliveryIntakeDao extends SqlObject {
    /** What {@link #enqueue} answers for a delivery whose message id its source had already stored: a replay. */
    long REPLAYED = 0;

    /**
     * Stores a delivery of the given status; empty if its message id was stored before (a replay, or a concurrent
     * copy: the second insert waits for the first transaction and then inserts nothing, so exactly one wins).
     */
    @SqlUpdate("INSERT INTO hook_delivery (source, received_at, status, payload, payload_size, payload_sha256, "
            + "message_id, error_code, error_message) VALUES (:source, :at, :status, :payload, :size, :sha256, "
            + ":messageId, :errorCode, :errorMessage) ON CONFLICT DO NOTHING")
    @GetGeneratedKeys("id")
    Optional<Long> insertDelivery(@Bind("source") String source, @Bind("at") Instant at,
                                  @Bind("status") String status, @Bind("payload") byte[] payload,
                                  @Bind("size") int size, @Bind("sha256") String sha256,
                                  @Bind("messageId") String messageId, @Bind("errorCode") String errorCode,
                                  @Bind("errorMessage") String errorMessage);

    default Optional<Long> insertDelivery(NewDelivery d, DeliveryStatus status, String errorCode, String errorMessage) {
        if (!d.messageIdStorable()) {
            return Optional.empty();
        }
        return insertDelivery(d.source(), d.receivedAt(), status.name(), d.payload(), d.payload().length, d.sha256(),
                d.messageId(), errorCode, errorMessage);
    }

    /**
     * Stores deliveries for the worker and queues them as one batch, in the caller's transaction: two statements,
     * whatever the number of deliveries. Answers each delivery's id in order, or {@link #REPLAYED} where its message
     * id was stored before (also earlier in the same batch); the batch is queued since its earliest delivery.
     */
    default long[] enqueue(QueueIds queueIds, List<NewDelivery> deliveries) {
        long queueId = queueIds.next(this);
        if (Dialect.of(getHandle()) == Dialect.POSTGRESQL) {
            return enqueueInOneStatement(queueId, deliveries);
        }
        try (PreparedBatch batch = getHandle().prepareBatch("INSERT INTO hook_delivery (source, received_at, status, "
                + "payload, payload_size, payload_sha256, message_id, queue_id) VALUES (:source, :at, 'ACCEPTED', "
                + ":payload, :size, :sha256, :messageId, :queue) ON CONFLICT DO NOTHING")) {
            long[] ids = new long[deliveries.size()];
            int[] rows = new int[deliveries.size()];
            int stored = 0;
            for (int i = 0; i < deliveries.size(); i++) {
                NewDelivery d = deliveries.get(i);
                if (d.messageIdStorable()) {
                    rows[stored++] = i;
                    batch.bind("source", d.source()).bind("at", d.receivedAt()).bind("payload", d.payload())
                            .bind("size", d.payload().length).bind("sha256", d.sha256())
                            .bind("messageId", d.messageId()).bind("queue", queueId).add();
                }
            }
            if (stored == 0) {
                return ids;
            }
            BatchResultBearing result = batch.executePreparedBatch("id");
            List<Long> keys = result.mapTo(Long.class).list();
            int[] counts = result.modifiedRowCounts();
            int key = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (int k = 0; k < stored; k++) {
                if (counts[k] < 0) {
                    // A driver may batch without per-row counts (PostgreSQL with reWriteBatchedInserts=true); then a
                    // replay could not be told from a first delivery, so refuse to store anything.
                    throw new IllegalStateException("the JDBC driver reported no row count for a batched insert; "
                            + "replay protection needs one (remove reWriteBatchedInserts from the database URL)");
                }
                if (counts[k] == 1) {
                    if (key >= keys.size()) {
                        throw new IllegalStateException("the database returned " + keys.size() + " ids for more stored "
                                + "deliveries");
                    }
                    long id = keys.get(key++);
                    ids[rows[k]] = id;
                    first = Math.min(first, id);
                    last = Math.max(last, id);
                }
            }
            if (key > 0) {
                insertQueueEntry(queueId, first, last, deliveries.stream().map(NewDelivery::receivedAt)
                        .min(Instant::compareTo).orElseThrow());
            }
            return ids;
        }
    }

    /**
     * {@link #enqueue} on PostgreSQL: the deliveries go as arrays into one statement that stores them and queues the
     * batch, so a batch is one round trip and one executor run however many deliveries it holds (a JDBC batch runs
     * the insert once per delivery, and the queue entry is another round trip). Atomic by itself, so the writer needs
     * no transaction around it. Ids are drawn in the deliveries' order before the insert, so that each delivery is
     * told its own id: RETURNING says which were stored, not in which order.
     */
    private long[] enqueueInOneStatement(long queueId, List<NewDelivery> deliveries) {
        long[] ids = new long[deliveries.size()];
        // An id too long to store is answered as a replay without reaching the database, as in the batch path.
        List<Integer> rows = new ArrayList<>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            if (deliveries.get(i).messageIdStorable()) {
                rows.add(i);
            }
        }
        if (rows.isEmpty()) {
            return ids;
        }
        int n = rows.size();
        String[] sources = new String[n];
        String[] receivedAt = new String[n];
        byte[][] payloads = new byte[n][];
        String[] sha256 = new String[n];
        String[] messageIds = new String[n];
        Instant queuedAt = deliveries.get(0).receivedAt();
        for (int k = 0; k < n; k++) {
            NewDelivery d = deliveries.get(rows.get(k));
            sources[k] = d.source();
            receivedAt[k] = d.receivedAt().toString();
            payloads[k] = d.payload();
            sha256[k] = d.sha256();
            messageIds[k] = d.messageId();
        }
        for (NewDelivery d : deliveries) {
            queuedAt = d.receivedAt().isBefore(queuedAt) ? d.receivedAt() : queuedAt;
        }
        Connection c = getHandle().getConnection();
        try (PreparedStatement st = c.prepareStatement(ENQUEUE_IN_ONE_STATEMENT)) {
            st.setArray(1, c.createArrayOf("varchar", sources));
            st.setArray(2, c.createArrayOf("varchar", receivedAt));
            st.setArray(3, c.createArrayOf("bytea", payloads));
            st.setArray(4, c.createArrayOf("varchar", sha256));
            st.setArray(5, c.createArrayOf("varchar", messageIds));
            st.setLong(6, queueId);
            st.setLong(7, queueId);
            st.setObject(8, OffsetDateTime.ofInstant(queuedAt, ZoneOffset.UTC));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    ids[rows.get(rs.getInt(1) - 1)] = rs.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("storing a batch of " + n + " hook deliveries failed", e,
                    null);
        }
        return ids;
    }

    // MATERIALIZED: the ids are drawn once, in the input's order, and the same ids are inserted and answered.
    // ON CONFLICT DO NOTHING also skips a message id given twice in the batch (the later copy is a replay). The queue
    // entry spans the stored ids and is written only when something was stored.
    String ENQUEUE_IN_ONE_STATEMENT = """
            WITH input AS MATERIALIZED (
                SELECT nextval('hook_delivery_id_seq') AS id, u.*
                FROM unnest(?::varchar[], ?::timestamptz[], ?::bytea[], ?::char(64)[], ?::varchar[])
                     WITH ORDINALITY AS u(source, received_at, payload, payload_sha256, message_id, ord)
                ORDER BY u.ord),
            stored AS (
                INSERT INTO hook_delivery (id, source, received_at, status, payload, payload_size, payload_sha256,
                                           message_id, queue_id)
                SELECT id, source, received_at, 'ACCEPTED', payload, octet_length(payload), payload_sha256,
                       message_id, ?
                FROM input ORDER BY ord
                ON CONFLICT DO NOTHING
                RETURNING id),
            queued AS (
                INSERT INTO hook_queue (id, first_delivery_id, last_delivery_id, applied_through, queued_at)
                SELECT ?, min(id), max(id), min(id) - 1, ? FROM stored HAVING count(*) > 0)
            SELECT input.ord, input.id FROM input JOIN stored ON stored.id = input.id""";

    /** The first id of a block of {@link QueueIds#BLOCK} queue ids for this instance alone. */
    @SqlQuery("SELECT nextval('hook_queue_id')")
    long nextQueueIdBlock();

    @SqlUpdate("INSERT INTO hook_queue (id, first_delivery_id, last_delivery_id, applied_through, queued_at) "
            + "VALUES (:id, :first, :last, :first - 1, :queuedAt)")
    void insertQueueEntry(@Bind("id") long id, @Bind("first") long first, @Bind("last") long last,
                          @Bind("queuedAt") Instant queuedAt);
}
