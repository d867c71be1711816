package org.breachline.notify;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;

/** Status reports that came before their message's SID was recorded on a delivery. */
@RegisterConstructorMapper(EarlyStatusDao.Row.class)
interface EarlyStatusDao {
    /** One kept report (public for JDBI only). */
    record Row(long id, String messageSid, String status, String errorCode, Instant receivedAt) {
    }

    @SqlUpdate("INSERT INTO sms_status_early (message_sid, status, error_code, received_at) "
            + "VALUES (:sid, :status, :errorCode, :at)")
    void keep(@Bind("sid") String sid, @Bind("status") String status, @Bind("errorCode") String errorCode,
              @Bind("at") Instant at);

    /** Kept reports whose SID a delivery now carries, oldest first. */
    @SqlQuery("SELECT e.id, e.message_sid, e.status, e.error_code, e.received_at FROM sms_status_early e "
            + "WHERE EXISTS (SELECT 1 FROM delivery d WHERE d.provider_id = e.message_sid AND d.channel = 'SMS') "
            + "ORDER BY e.id LIMIT :limit")
    List<Row> matched(@Bind("limit") int limit);

    /** Takes a report to apply it; 0 when another instance took it first. */
    @SqlUpdate("DELETE FROM sms_status_early WHERE id = :id")
    int take(@Bind("id") long id);

    @SqlUpdate("DELETE FROM sms_status_early WHERE received_at < :before")
    int expire(@Bind("before") Instant before);

    @SqlQuery("SELECT COUNT(*) FROM sms_status_early")
    long count();
}
