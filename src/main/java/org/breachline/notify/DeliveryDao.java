package org.breachline.notify;

import org.breachline.db.Dialect;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The outbox's SQL. Claims use {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.4 both skip rows another
 * transaction holds), so several workers on one database take disjoint batches without waiting for each other.
 * Every write of an outcome is guarded by the claim ({@code status = 'SENDING' AND claimed_by = :worker}): a worker
 * whose claim was reconciled away changes nothing.
 */
@RegisterConstructorMapper(ClaimedDelivery.class)
@RegisterConstructorMapper(MeasuredRate.class)
interface DeliveryDao extends SqlObject {
    String CLAIMED = "SELECT id, campaign_id, person_id, channel, attempts, claimed_at, awaiting_handoff FROM delivery ";
    String OURS = " AND status = 'SENDING' AND claimed_by = :worker";
    /**
     * {@link #OURS} for the rows of an {@code unnest} join, wrapped so that PostgreSQL cannot take it for an index
     * condition: given the plain form it scanned the status index, whose SENDING range fills with dead entries as a
     * campaign goes on (dispatch at half speed), instead of finding each row by primary key.
     */
    String STILL_OURS = " AND (d.status = 'SENDING' AND d.claimed_by = :worker) IS TRUE";

    /**
     * Locks due deliveries of sending campaigns, the longest due first; only the delivery rows are locked, never the
     * campaign. (Among deliveries due at the same instant the order is the index's; ordering by id as well would make
     * PostgreSQL sort every queued delivery of a launch for each claim.)
     */
    @SqlQuery("SELECT id FROM delivery WHERE channel = :channel AND status = 'QUEUED' AND next_attempt_at <= :now "
            + "AND campaign_id IN (SELECT c.id FROM campaign c WHERE c.status = 'SENDING') "
            + "ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<Long> lockDue(@Bind("channel") String channel, @Bind("now") Instant now, @Bind("limit") int limit);

    /**
     * Records the claim in the locked rows before anything is sent: in flight ({@code SENDING}) under this worker,
     * awaiting hand-off to the channel (so a crash before the hand-off is known to have sent nothing).
     */
    @SqlUpdate("UPDATE delivery SET status = 'SENDING', claimed_by = :worker, claimed_at = :now, heartbeat_at = :now, "
            + "awaiting_handoff = TRUE, attempts = attempts + 1, updated_at = :now WHERE id IN (<ids>)")
    int claim(@BindList("ids") Collection<Long> ids, @Bind("worker") String worker, @Bind("now") Instant now);

    @SqlQuery(CLAIMED + "WHERE id IN (<ids>) ORDER BY id")
    List<ClaimedDelivery> find(@BindList("ids") Collection<Long> ids);

    /**
     * Commits that these deliveries are about to be given to the channel; from here on they may go out. One statement
     * per row (in one JDBC batch) so that each finds its row by primary key, and the counts say which are still ours:
     * with {@code id IN (…)} PostgreSQL preferred the status index, whose SENDING range fills with dead entries as a
     * campaign goes on.
     */
    @SqlBatch("UPDATE delivery SET awaiting_handoff = FALSE WHERE id = :id" + OURS)
    int[] handOffEach(@Bind("id") List<Long> ids, @Bind("worker") String worker);

    /**
     * {@link #handOffEach} as one statement on PostgreSQL (the ids joined through {@code unnest}, each row still found
     * by primary key): a batch of 50 single-row updates was half of the dispatcher's time waiting for the database.
     */
    @SqlQuery("UPDATE delivery d SET awaiting_handoff = FALSE FROM unnest(:ids) AS u(id) "
            + "WHERE d.id = u.id" + STILL_OURS + " RETURNING d.id")
    List<Long> handOffAll(@Bind("ids") Long[] ids, @Bind("worker") String worker);

    /** Per id, 1 if the row was still this worker's claim and is now handed off, else 0. */
    default int[] handOff(List<Long> ids, String worker) {
        if (Dialect.of(getHandle()) != Dialect.POSTGRESQL) {
            return handOffEach(ids, worker);
        }
        return counts(ids, handOffAll(ids.toArray(Long[]::new), worker));
    }

    private static int[] counts(List<Long> ids, List<Long> changed) {
        Set<Long> done = new HashSet<>(changed);
        return ids.stream().mapToInt(id -> done.contains(id) ? 1 : 0).toArray();
    }

    @SqlUpdate("UPDATE delivery SET heartbeat_at = :now WHERE id IN (<ids>)" + OURS)
    int heartbeat(@BindList("ids") Collection<Long> ids, @Bind("worker") String worker, @Bind("now") Instant now);

    /** Records sends the provider took; one row per outcome, all in one JDBC batch. */
    @SqlBatch("UPDATE delivery SET status = 'SENT', provider_id = :providerId, template = :template, "
            + "segments = :segments, sent_at = :now, last_error = NULL, awaiting_handoff = FALSE, updated_at = :now "
            + "WHERE id = :id" + OURS)
    int[] markSentEach(@BindMethods("") List<Outcome> outcomes, @Bind("worker") String worker, @Bind("now") Instant now);

    /** {@link #markSentEach} as one statement on PostgreSQL, as {@link #handOffAll}. */
    @SqlQuery("UPDATE delivery d SET status = 'SENT', provider_id = u.provider_id, template = u.template, "
            + "segments = u.segments, sent_at = :now, last_error = NULL, awaiting_handoff = FALSE, updated_at = :now "
            + "FROM unnest(:ids, :providerIds, :templates, :segments) AS u(id, provider_id, template, segments) "
            + "WHERE d.id = u.id" + STILL_OURS + " RETURNING d.id")
    List<Long> markSentAll(@Bind("ids") Long[] ids, @Bind("providerIds") String[] providerIds,
                           @Bind("templates") String[] templates, @Bind("segments") Integer[] segments,
                           @Bind("worker") String worker, @Bind("now") Instant now);

    /** Per outcome, 1 if its row was still this worker's claim and is now SENT, else 0. */
    default int[] markSent(List<Outcome> outcomes, String worker, Instant now) {
        if (Dialect.of(getHandle()) != Dialect.POSTGRESQL) {
            return markSentEach(outcomes, worker, now);
        }
        List<Long> ids = outcomes.stream().map(Outcome::id).toList();
        return counts(ids, markSentAll(ids.toArray(Long[]::new),
                outcomes.stream().map(Outcome::providerId).toArray(String[]::new),
                outcomes.stream().map(Outcome::template).toArray(String[]::new),
                outcomes.stream().map(Outcome::segments).toArray(Integer[]::new), worker, now));
    }

    @SqlBatch("UPDATE delivery SET status = 'QUEUED', next_attempt_at = :next, last_error = :error, "
            + "awaiting_handoff = FALSE, updated_at = :now WHERE id = :id" + OURS)
    int[] markRetry(@BindMethods("") List<Outcome> outcomes, @Bind("worker") String worker, @Bind("now") Instant now);

    @SqlBatch("UPDATE delivery SET status = 'FAILED', last_error = :error, awaiting_handoff = FALSE, "
            + "updated_at = :now WHERE id = :id" + OURS)
    int[] markFailed(@BindMethods("") List<Outcome> outcomes, @Bind("worker") String worker, @Bind("now") Instant now);

    /** Puts claimed deliveries back untried (their channel was stopped): the attempt the claim counted is undone. */
    @SqlUpdate("UPDATE delivery SET status = 'QUEUED', attempts = attempts - 1, next_attempt_at = :now, "
            + "last_error = :error, updated_at = :now WHERE id IN (<ids>) AND status = 'SENDING' AND claimed_by = :worker")
    int release(@BindList("ids") Collection<Long> ids, @Bind("worker") String worker, @Bind("error") String error,
                @Bind("now") Instant now);

    /** The provider may have it: stays in flight with a stopped heartbeat, so reconciliation settles it next. */
    @SqlBatch("UPDATE delivery SET last_error = :error, heartbeat_at = :next, awaiting_handoff = FALSE, "
            + "updated_at = :now WHERE id = :id" + OURS)
    int[] markUnknown(@BindMethods("") List<Outcome> outcomes, @Bind("worker") String worker,
                      @Bind("now") Instant now);

    /** One delivery's outcome as the batch statements bind it; {@code next} is the retry time or stopped heartbeat. */
    record Outcome(long id, String providerId, String template, Integer segments, String error, Instant next) {
    }

    /** In-flight deliveries whose worker stopped beating: locked for reconciliation. */
    @SqlQuery("SELECT id FROM delivery WHERE status = 'SENDING' AND channel = :channel AND heartbeat_at < :cutoff "
            + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
    List<Long> lockStale(@Bind("channel") String channel, @Bind("cutoff") Instant cutoff, @Bind("limit") int limit);

    @SqlUpdate("UPDATE delivery SET status = :status, provider_id = COALESCE(:providerId, provider_id), "
            + "sent_at = CASE WHEN :status = 'SENT' THEN :now ELSE sent_at END, awaiting_handoff = FALSE, "
            + "next_attempt_at = :now, last_error = :error, updated_at = :now WHERE id = :id AND status = 'SENDING'")
    int reconciled(@Bind("id") long id, @Bind("status") String status, @Bind("providerId") String providerId,
                   @Bind("error") String error, @Bind("now") Instant now);

    /** A provider's later word on a message: only forward (sent → delivered or failed), never back. */
    @SqlUpdate("UPDATE delivery SET status = :status, delivered_at = CASE WHEN :status = 'DELIVERED' THEN :now "
            + "ELSE delivered_at END, last_error = COALESCE(:error, last_error), updated_at = :now "
            + "WHERE provider_id = :providerId AND channel = 'SMS' AND status IN (<from>)")
    int providerStatus(@Bind("providerId") String providerId, @Bind("status") String status,
                       @Bind("error") String error, @BindList("from") Collection<String> from, @Bind("now") Instant now);

    @SqlQuery("SELECT id FROM campaign WHERE status = 'SENDING'")
    List<java.util.UUID> sendingCampaigns();

    @SqlQuery("SELECT campaign_id FROM delivery WHERE provider_id = :providerId AND channel = 'SMS'")
    List<java.util.UUID> campaignOf(@Bind("providerId") String providerId);

    /** Adds the channel's row if it has none yet; two instances doing so at once both succeed. */
    @SqlUpdate("INSERT INTO channel_rate (channel, units_per_second, units, busy_millis, measured_by, measured_at) "
            + "VALUES (:channel, :rate, :units, :busyMillis, :worker, :at) ON CONFLICT DO NOTHING")
    int insertRate(@Bind("channel") String channel, @Bind("rate") double rate, @Bind("units") long units,
                   @Bind("busyMillis") long busyMillis, @Bind("worker") String worker, @Bind("at") Instant at);

    @SqlUpdate("UPDATE channel_rate SET units_per_second = :rate, units = :units, busy_millis = :busyMillis, "
            + "measured_by = :worker, measured_at = :at WHERE channel = :channel")
    int updateRate(@Bind("channel") String channel, @Bind("rate") double rate, @Bind("units") long units,
                   @Bind("busyMillis") long busyMillis, @Bind("worker") String worker, @Bind("at") Instant at);

    @SqlQuery("SELECT units_per_second, units, busy_millis, measured_by, measured_at FROM channel_rate "
            + "WHERE channel = :channel")
    Optional<MeasuredRate> measuredRate(@Bind("channel") String channel);
}
