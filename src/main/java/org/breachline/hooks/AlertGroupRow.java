package org.breachline.hooks;

import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A {@code hook_alert_group} row: the latest incident of one (source, fingerprint), with its key.
 *
 * @param alertCount the alerts received on that incident, coalesced deliveries included
 */
public record AlertGroupRow(String source, String fingerprint, UUID incidentId, String incidentKey, Instant openedAt,
                            Instant lastAlertAt, Instant resolvedAt, long alertCount) {

    // Written out rather than a ConstructorMapper, whose per-query set-up showed in the worker's profile.
    public static final class Mapper implements RowMapper<AlertGroupRow> {
        @Override
        public AlertGroupRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new AlertGroupRow(rs.getString("source"), rs.getString("fingerprint"),
                    rs.getObject("incident_id", UUID.class), rs.getString("incident_key"), instant(rs, "opened_at"),
                    instant(rs, "last_alert_at"), instant(rs, "resolved_at"), rs.getLong("alert_count"));
        }

        static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
    }
}
