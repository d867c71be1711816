package org.breachline.notify;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;

@RegisterConstructorMapper(ChannelBlockDao.Row.class)
interface ChannelBlockDao {
    /** A stored block (public for JDBI only). */
    record Row(String channel, String reason, Instant blockedAt, String blockedBy) {
    }

    @SqlQuery("SELECT channel, reason, blocked_at, blocked_by FROM notify_channel_block ORDER BY channel")
    List<Row> all();

    /** 1 if this call stopped the channel, 0 if it was stopped already (by this or another instance). */
    @SqlUpdate("INSERT INTO notify_channel_block (channel, reason, blocked_at, blocked_by) "
            + "VALUES (:channel, :reason, :at, :by) ON CONFLICT DO NOTHING")
    int block(@Bind("channel") String channel, @Bind("reason") String reason, @Bind("at") Instant at,
              @Bind("by") String by);

    @SqlUpdate("DELETE FROM notify_channel_block WHERE channel = :channel")
    int lift(@Bind("channel") String channel);
}
