package org.breachline.audit;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(AuditRecord.class)
interface AuditDao {
    /** The chain head, locked: appends are serialised across every instance sharing the database. */
    @SqlQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
    @RegisterConstructorMapper(Head.class)
    Optional<Head> lockHead();

    @SqlUpdate("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1")
    void moveHead(@Bind("seq") long seq, @Bind("hash") String hash);

    @SqlUpdate("INSERT INTO audit_event (seq, at, actor, action, record_type, record_id, details, prev_hash, hash) "
            + "VALUES (:seq, :at, :actor, :action, :recordType, :recordId, :details, :prevHash, :hash)")
    void insert(@BindMethods AuditRecord record);

    @SqlQuery("SELECT seq, at, actor, action, record_type, record_id, details, prev_hash, hash FROM audit_event "
            + "WHERE (:action IS NULL OR action = :action) AND (:recordType IS NULL OR record_type = :recordType) "
            + "AND (:recordId IS NULL OR record_id = :recordId) AND (:actor IS NULL OR actor = :actor) "
            + "ORDER BY seq DESC LIMIT :limit OFFSET :offset")
    List<AuditRecord> list(@BindMethods AuditFilter filter, @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM audit_event "
            + "WHERE (:action IS NULL OR action = :action) AND (:recordType IS NULL OR record_type = :recordType) "
            + "AND (:recordId IS NULL OR record_id = :recordId) AND (:actor IS NULL OR actor = :actor)")
    long count(@BindMethods AuditFilter filter);

    @SqlQuery("SELECT seq, at, actor, action, record_type, record_id, details, prev_hash, hash FROM audit_event "
            + "WHERE seq > :after ORDER BY seq LIMIT :limit")
    List<AuditRecord> chainAfter(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
    @RegisterConstructorMapper(Head.class)
    Optional<Head> head();

    record Head(long seq, String hash) {
    }
}
