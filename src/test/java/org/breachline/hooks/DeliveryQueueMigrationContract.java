package org.breachline.hooks;

import org.breachline.db.Database;
import org.breachline.testing.Migrations;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 012 on a database with deliveries in the layout before it: one still queued (status QUEUED, the worker's
 * queue then) becomes a queue entry the worker claims, and retention spares it while it waits; applied ones stay as
 * they were.
 */
abstract class DeliveryQueueMigrationContract {

    abstract DataSource freshDatabase() throws Exception;

    @Test
    void aDeliveryQueuedBeforeTheMigrationIsClaimedFromTheNewQueue() throws Exception {
        DataSource ds = freshDatabase();
        Migrations.applyChangeSetsBefore("migrations/012-hooks-delivery-queue.xml", ds);
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO hook_delivery "
                + "(source, received_at, status, payload, payload_size, payload_sha256) VALUES ('am', ?, ?, ?, 2, ?)")) {
            for (String status : List.of("PROCESSED", "QUEUED", "COALESCED")) {
                s.setObject(1, OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                s.setString(2, status);
                s.setBytes(3, "{}".getBytes(StandardCharsets.UTF_8));
                s.setString(4, "0".repeat(64));
                s.executeUpdate();
            }
        }

        Database.migrate(ds);

        Jdbi jdbi = Jdbi.create(ds).installPlugin(new SqlObjectPlugin());
        jdbi.useTransaction(h -> {
            HookDao dao = h.attach(HookDao.class);
            List<String> statuses = h.createQuery("SELECT status FROM hook_delivery ORDER BY id").mapTo(String.class)
                    .list();
            assertThat(statuses).containsExactly("PROCESSED", "ACCEPTED", "COALESCED");
            long queuedId = h.createQuery("SELECT id FROM hook_delivery WHERE status = 'ACCEPTED'")
                    .mapTo(Long.class).one();
            List<QueueEntry> entries = dao.claimQueue(10);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).lastDeliveryId()).isEqualTo(queuedId);
            assertThat(dao.oldestQueued()).map(OffsetDateTime::toInstant)
                    .contains(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(dao.waitingDeliveries(entries, 10)).extracting(QueuedDelivery::id)
                    .containsExactly(queuedId);

            assertThat(dao.forgetDeliveriesBefore(Instant.parse("2027-01-01T00:00:00Z")))
                    .as("the two applied deliveries go, the waiting one stays").isEqualTo(2);
            assertThat(h.createQuery("SELECT id FROM hook_delivery").mapTo(Long.class).list())
                    .containsExactly(queuedId);
        });
        long next = jdbi.withHandle(h -> h.createQuery("SELECT nextval('hook_queue_id')").mapTo(Long.class).one());
        assertThat(next).as("new entries' ids never meet the converted ones").isPositive();
    }
}
