package org.breachline.hooks;

import org.jdbi.v3.core.result.BatchResultBearing;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
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

    /** The first id of a block of {@link QueueIds#BLOCK} queue ids for this instance alone. */
    @SqlQuery("SELECT nextval('hook_queue_id')")
    long nextQueueIdBlock();

    @SqlUpdate("INSERT INTO hook_queue (id, first_delivery_id, last_delivery_id, applied_through, queued_at) "
            + "VALUES (:id, :first, :last, :first - 1, :queuedAt)")
    void insertQueueEntry(@Bind("id") long id, @Bind("first") long first, @Bind("last") long last,
                          @Bind("queuedAt") Instant queuedAt);
}
