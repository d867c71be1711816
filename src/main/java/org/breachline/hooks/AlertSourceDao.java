package org.breachline.hooks;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(AlertSourceRow.class)
interface AlertSourceDao {
    String COLUMNS = "name, format, auth_scheme, stored_secret, default_severity, dedup_window_seconds, "
            + "signature_header, timestamp_header, created_at, created_by, rotated_at, revoked_at, previous_secret, "
            + "previous_valid_until";

    @SqlUpdate("INSERT INTO hook_source (" + COLUMNS + ") VALUES (:name, :format, :authScheme, :storedSecret, "
            + ":defaultSeverity, :dedupWindowSeconds, :signatureHeader, :timestampHeader, :createdAt, :createdBy, "
            + ":rotatedAt, :revokedAt, :previousSecret, :previousValidUntil) ON CONFLICT DO NOTHING")
    int insert(@BindMethods AlertSourceRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM hook_source WHERE name = :name")
    Optional<AlertSourceRow> find(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM hook_source WHERE name = :name FOR UPDATE")
    Optional<AlertSourceRow> lock(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM hook_source ORDER BY name")
    List<AlertSourceRow> list();

    /** {@code previous}: the secret being replaced, accepted until {@code previousUntil}; both null for none. */
    @SqlUpdate("UPDATE hook_source SET stored_secret = :stored, rotated_at = :at, previous_secret = :previous, "
            + "previous_valid_until = :previousUntil WHERE name = :name")
    int rotate(@Bind("name") String name, @Bind("stored") String stored, @Bind("at") Instant at,
               @Bind("previous") String previous, @Bind("previousUntil") Instant previousUntil);

    @SqlUpdate("UPDATE hook_source SET stored_secret = :stored, previous_secret = :previous WHERE name = :name")
    int reseal(@Bind("name") String name, @Bind("stored") String stored, @Bind("previous") String previous);

    @SqlUpdate("UPDATE hook_source SET revoked_at = :at, previous_secret = NULL, previous_valid_until = NULL "
            + "WHERE name = :name AND revoked_at IS NULL")
    int revoke(@Bind("name") String name, @Bind("at") Instant at);
}
