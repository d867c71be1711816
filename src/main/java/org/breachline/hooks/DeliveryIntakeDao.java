package org.breachline.hooks;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;

// The few statements every delivery runs, apart from HookDao: JDBI builds a SqlObject's handlers on every attach to a
// new handle, and profiling showed that cost, which grows with the number of methods, dominating a deferred delivery.
interface DeliveryIntakeDao {

    // A concurrent insert of the same id waits for the other transaction and then inserts nothing: exactly one wins.
    @SqlUpdate("INSERT INTO hook_seen_id (source, message_id, expires_at) VALUES (:source, :id, :expiresAt) "
            + "ON CONFLICT DO NOTHING")
    int recordSeenId(@Bind("source") String source, @Bind("id") String id, @Bind("expiresAt") Instant expiresAt);

    /** {@link #recordSeenId} for many ids in one round trip: the lists side by side, one count per id. */
    @SqlBatch("INSERT INTO hook_seen_id (source, message_id, expires_at) VALUES (:source, :id, :expiresAt) "
            + "ON CONFLICT DO NOTHING")
    int[] recordSeenIds(@Bind("source") List<String> sources, @Bind("id") List<String> ids,
                        @Bind("expiresAt") List<Instant> expiresAt);

    @SqlUpdate("INSERT INTO hook_delivery (source, received_at, status, payload, payload_size, payload_sha256, "
            + "error_code, error_message) VALUES (:source, :at, :status, :payload, :size, :sha256, :errorCode, "
            + ":errorMessage)")
    @GetGeneratedKeys("id")
    long insertDelivery(@Bind("source") String source, @Bind("at") Instant at, @Bind("status") String status,
                        @Bind("payload") byte[] payload, @Bind("size") int size, @Bind("sha256") String sha256,
                        @Bind("errorCode") String errorCode, @Bind("errorMessage") String errorMessage);

    /**
     * Stores deliveries for the worker and queues them as one batch, in the caller's transaction: the lists side by
     * side; answers their ids in the same order. Two statements, whatever the number of deliveries; the batch is
     * queued since its earliest delivery was received.
     */
    default long[] enqueue(QueueIds queueIds, List<String> sources, List<Instant> at, List<byte[]> payloads,
                           List<Integer> sizes, List<String> sha256) {
        long queueId = queueIds.next(this);
        long[] ids = insertAccepted(queueId, sources, at, payloads, sizes, sha256);
        if (ids.length != sources.size()) {
            throw new IllegalStateException("the database returned " + ids.length + " ids for " + sources.size()
                    + " stored deliveries");
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (long id : ids) {
            first = Math.min(first, id);
            last = Math.max(last, id);
        }
        insertQueueEntry(queueId, first, last, at.stream().min(Instant::compareTo).orElseThrow());
        return ids;
    }

    /** The first id of a block of {@link QueueIds#BLOCK} queue ids for this instance alone. */
    @SqlQuery("SELECT nextval('hook_queue_id')")
    long nextQueueIdBlock();

    @SqlBatch("INSERT INTO hook_delivery (source, received_at, status, payload, payload_size, payload_sha256, queue_id) "
            + "VALUES (:source, :at, 'ACCEPTED', :payload, :size, :sha256, :queue)")
    @GetGeneratedKeys("id")
    long[] insertAccepted(@Bind("queue") long queueId, @Bind("source") List<String> sources,
                          @Bind("at") List<Instant> at, @Bind("payload") List<byte[]> payloads,
                          @Bind("size") List<Integer> sizes, @Bind("sha256") List<String> sha256);

    @SqlUpdate("INSERT INTO hook_queue (id, first_delivery_id, last_delivery_id, applied_through, queued_at) "
            + "VALUES (:id, :first, :last, :first - 1, :queuedAt)")
    void insertQueueEntry(@Bind("id") long id, @Bind("first") long first, @Bind("last") long last,
                          @Bind("queuedAt") Instant queuedAt);
}
