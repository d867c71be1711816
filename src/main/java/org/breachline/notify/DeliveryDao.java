package org.breachline.notify;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The outbox's SQL. Claims use {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.4 both skip rows another
 * transaction holds), so several workers on one database take disjoint batches without waiting for each other.
 */
@RegisterConstructorMapper(ClaimedDelivery.class)
interface DeliveryDao {
    String CLAIMED = "SELECT id, campaign_id, person_id, channel, attempts, claimed_at FROM delivery ";

    /** Locks due deliveries of sending campaigns; only the delivery rows are locked, never the campaign. */
    @SqlQuery("SELECT id FROM delivery WHERE status = 'QUEUED' AND channel = :channel AND next_attempt_at <= :now "
            + "AND campaign_id IN (SELECT c.id FROM campaign c WHERE c.status = 'SENDING') "
            + "ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<Long> lockDue(@Bind("channel") String channel, @Bind("now") Instant now, @Bind("limit") int limit);

    /** Marks locked rows in flight and records the claim in the row, before anything is sent. */
    @SqlUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = :worker, claimed_at = :now, heartbeat_at = :now, "
            + "attempts = attempts + 1, updated_at = :now WHERE id IN (<ids>)")
    int claim(@BindList("ids") Collection<Long> ids, @Bind("worker") String worker, @Bind("now") Instant now);

    @SqlQuery(CLAIMED + "WHERE id IN (<ids>) ORDER BY id")
    List<ClaimedDelivery> find(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("UPDATE delivery SET heartbeat_at = :now WHERE id IN (<ids>) AND status = 'SENDING' "
            + "AND claimed_by = :worker")
    int heartbeat(@BindList("ids") Collection<Long> ids, @Bind("worker") String worker, @Bind("now") Instant now);

    /** Records a send the provider took; only the worker holding the claim may. */
    @SqlUpdate("UPDATE delivery SET status = 'SENT', provider_id = :providerId, template = :template, "
            + "segments = :segments, sent_at = :now, last_error = NULL, updated_at = :now "
            + "WHERE id = :id AND status = 'SENDING' AND claimed_by = :worker")
    int markSent(@Bind("id") long id, @Bind("worker") String worker, @Bind("providerId") String providerId,
                 @Bind("template") String template, @Bind("segments") Integer segments, @Bind("now") Instant now);

    @SqlUpdate("UPDATE delivery SET status = 'QUEUED', next_attempt_at = :next, last_error = :error, updated_at = :now "
            + "WHERE id = :id AND status = 'SENDING' AND claimed_by = :worker")
    int markRetry(@Bind("id") long id, @Bind("worker") String worker, @Bind("error") String error,
                  @Bind("next") Instant next, @Bind("now") Instant now);

    @SqlUpdate("UPDATE delivery SET status = :status, last_error = :error, updated_at = :now "
            + "WHERE id = :id AND status = 'SENDING' AND claimed_by = :worker")
    int markFinal(@Bind("id") long id, @Bind("worker") String worker, @Bind("status") String status,
                  @Bind("error") String error, @Bind("now") Instant now);

    /** Puts claimed deliveries back untried (their channel was stopped): the attempt the claim counted is undone. */
    @SqlUpdate("UPDATE delivery SET status = 'QUEUED', attempts = attempts - 1, next_attempt_at = :now, "
            + "last_error = :error, updated_at = :now WHERE id IN (<ids>) AND status = 'SENDING' AND claimed_by = :worker")
    int release(@BindList("ids") Collection<Long> ids, @Bind("worker") String worker, @Bind("error") String error,
                @Bind("now") Instant now);

    /** The provider may have it: stays in flight with a stopped heartbeat, so reconciliation settles it next. */
    @SqlUpdate("UPDATE delivery SET last_error = :error, heartbeat_at = :stopped, updated_at = :now "
            + "WHERE id = :id AND status = 'SENDING' AND claimed_by = :worker")
    int markUnknown(@Bind("id") long id, @Bind("worker") String worker, @Bind("error") String error,
                    @Bind("stopped") Instant stopped, @Bind("now") Instant now);

    /** In-flight deliveries whose worker stopped beating: locked for reconciliation. */
    @SqlQuery("SELECT id FROM delivery WHERE status = 'SENDING' AND channel = :channel AND heartbeat_at < :cutoff "
            + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<Long> lockStale(@Bind("channel") String channel, @Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate("UPDATE delivery SET status = :status, provider_id = COALESCE(:providerId, provider_id), "
            + "sent_at = CASE WHEN :status = 'SENT' THEN :now ELSE sent_at END, "
            + "next_attempt_at = :now, last_error = :error, updated_at = :now WHERE id = :id AND status = 'SENDING'")
    int reconciled(@Bind("id") long id, @Bind("status") String status, @Bind("providerId") String providerId,
                   @Bind("error") String error, @Bind("now") Instant now);

    /** A provider's later word on a message: only forward (sent → delivered or failed), never back. */
    @SqlUpdate("UPDATE delivery SET status = :status, delivered_at = CASE WHEN :status = 'DELIVERED' THEN :now "
            + "ELSE delivered_at END, last_error = COALESCE(:error, last_error), updated_at = :now "
            + "WHERE provider_id = :providerId AND channel = 'SMS' AND status IN (<from>)")
    int providerStatus(@Bind("providerId") String providerId, @Bind("status") String status,
                       @Bind("error") String error, @BindList("from") Collection<String> from, @Bind("now") Instant now);

    @SqlQuery("SELECT campaign_id FROM delivery WHERE provider_id = :providerId AND channel = 'SMS'")
    List<java.util.UUID> campaignOf(@Bind("providerId") String providerId);
}
