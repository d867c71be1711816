package org.breachline.hooks;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * A waiting {@code hook_delivery} row as the worker reads it: what it needs to apply the delivery, and the queue entry
 * it belongs to.
 */
public record QueuedDelivery(long id, long queueId, String source, Instant receivedAt, byte[] payload,
                             String payloadSha256) {

    // Written out rather than a ConstructorMapper: profiling showed that mapper's per-query set-up (reflection over
    // the constructor's parameters) costing more than the query on the worker's path.
    public static final class Mapper implements RowMapper<QueuedDelivery> {
        @Override
        public QueuedDelivery map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new QueuedDelivery(rs.getLong("id"), rs.getLong("queue_id"), rs.getString("source"),
                    rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getBytes("payload"),
                    rs.getString("payload_sha256"));
        }
    }

    @Override
    public String toString() {
        return "QueuedDelivery[" + id + ", " + source + ", " + payload.length + " bytes]";
    }
}
