package org.breachline.hooks;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.db.Database;
import org.breachline.http.ApiException;
import org.breachline.incident.IncidentService;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.breachline.http.UnexpectedErrorMapper;
import org.breachline.text.Abbreviation;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Receives deliveries to {@code /hooks/{source}}: authenticates, stores and applies them in one transaction; queues
 * them over a source's rate and refuses them above its ceiling; keeps unreadable ones as dead letters an admin can
 * replay.
 *
 * <p>Processing is synchronous: the delivery row, its replay-protection id, and its effect on incidents commit
 * together, and the sender hears 202 only after that commit. Only deliveries over the rate wait for the worker.
 */
public class HookService {
    private static final Logger LOG = LoggerFactory.getLogger(HookService.class);
    // Queue entries a round locks at most: each holds one stored batch (up to 256 deliveries), so this many cover a
    // round of the worker's size even when the entries are small (one delivery each, queued over a source's rate).
    private static final int QUEUE_ENTRIES_PER_ROUND = 200;
    private static final String UNKNOWN_SOURCE = "unknown-source";

    private final Jdbi jdbi;
    private final QueueIds queueIds = new QueueIds();
    private final AlertSourceService sources;
    private final AlertIntake intake;
    private final AuditLog audit;
    private final Clock clock;
    private final HooksSettings settings;
    private final MetricRegistry metrics;
    private final Meter authFailures;
    private final Map<String, TokenBucket> rates = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> failureAllowance = new ConcurrentHashMap<>();
    private final Map<String, Optional<TokenBucket>> ceilings = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> ceilingWarnings = new ConcurrentHashMap<>();
    private final Map<String, HooksSettings.Source> configured = new HashMap<>();
    private volatile Runnable whenQueued = () -> { };
    private volatile Instant lastForget;
    private final DeliveryBatcher batcher;

    public HookService(Jdbi jdbi, AlertSourceService sources, IncidentService incidents, AuditLog audit, Clock clock,
                       HooksSettings settings, MetricRegistry metrics) {
        this.jdbi = jdbi;
        this.sources = sources;
        this.intake = new AlertIntake(incidents, settings.getMaxTimelinePayload().toBytes());
        // Registered here, with the intake that depends on it: without it a closed incident would look open.
        incidents.addListener(new ClosedIncidents());
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
        this.metrics = metrics;
        this.authFailures = metrics.meter(MetricRegistry.name("hooks", "auth-failures"));
        this.batcher = settings.getProcessing() == HookProcessing.DEFERRED ? new DeliveryBatcher(jdbi, queueIds)
                : null;
        Database.cacheSqlObjects(jdbi, DeliveryIntakeDao.class, HookDao.class, AlertSourceDao.class, OutboxDao.class);
        for (HooksSettings.Source s : settings.getSources()) {
            configured.put(s.getName(), s);
        }
    }

    /** Called after a delivery was queued and committed, so that the worker can start on it without waiting. */
    public void onQueued(Runnable wake) {
        this.whenQueued = wake;
    }

    /**
     * Handles one delivery addressed to {@code sourceName}. Deferred processing answers with a future that completes
     * once the delivery is committed, so that no request thread sits waiting for the batch writer; inline processing
     * answers with a completed one.
     */
    public CompletableFuture<HookOutcome> receive(String sourceName, HookRequest request) {
        if (!AlertSourceName.isValid(sourceName)) {
            return CompletableFuture.completedFuture(rejected(UNKNOWN_SOURCE, "hook.source_unknown",
                    "No active alert source of that name."));
        }
        if (batcher != null) {
            return receiveDeferred(sourceName, request).thenApply(outcome -> counted(sourceName, outcome));
        }
        return CompletableFuture.completedFuture(counted(sourceName, receiveInline(sourceName, request)));
    }

    private HookOutcome receiveInline(String sourceName, HookRequest request) {
        return retryingLockWaits(() -> jdbi.inTransaction(h -> {
            Optional<AlertSource> found = sources.find(h, sourceName).filter(AlertSource::active);
            if (found.isEmpty()) {
                return new HookOutcome.Rejected("hook.source_unknown", "No active alert source of that name.", false);
            }
            AlertSource source = found.get();
            CollectedSeenIds seen = new CollectedSeenIds();
            HookOutcome refusal = refusal(source, request, seen);
            if (refusal != null) {
                return refusal;
            }
            byte[] body = request.body();
            return store(h, h.attach(DeliveryIntakeDao.class), source,
                    new NewDelivery(sourceName, now(), body, sha256(body), seen.id()));
        }));
    }

    /** Counts the outcome in the metrics (a refusal as an authentication failure) and wakes the worker for a queued one. */
    private HookOutcome counted(String sourceName, HookOutcome outcome) {
        if (outcome instanceof HookOutcome.Rejected r) {
            return rejected(r.code().equals("hook.source_unknown") ? UNKNOWN_SOURCE : sourceName, r.code(),
                    r.message());
        }
        metrics.meter(MetricRegistry.name("hooks", sourceName, outcomeName(outcome))).mark();
        if (outcome instanceof HookOutcome.OverLimit over && ceilingWarnings.computeIfAbsent(sourceName,
                s -> new TokenBucket(clock, 1, 1 / 60.0)).tryTake()) {
            LOG.warn("Alert source {} sends more than {} deliveries per second; refusing the excess with 429 "
                    + "(counted in hooks.{}.rate-limited; this is logged once a minute)", sourceName,
                    over.maxPerSecond(), sourceName);
        }
        if (outcome instanceof HookOutcome.Queued) {
            whenQueued.run();
        }
        return outcome;
    }

    /**
     * Runs the delivery's transaction again when the database gave up waiting for a lock (H2's lock timeout under a
     * burst on one fingerprint) or chose it as a deadlock victim: everything was rolled back, so trying again is safe,
     * and a 500 would cost the alert with senders that never re-send.
     */
    private static <T> T retryingLockWaits(java.util.function.Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (org.jdbi.v3.core.statement.StatementException e) {
                if (attempt >= 3 || !isLockWait(e)) {
                    throw e;
                }
                LOG.info("Retrying a delivery after a lock wait gave up (attempt {})", attempt);
            }
        }
    }

    private static boolean isLockWait(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientException) {
                return true;
            }
            // PostgreSQL: serialization failure, deadlock detected, lock not available.
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01")
                    || sql.getSQLState().equals("55P03"))) {
                return true;
            }
        }
        return false;
    }

    // Deferred: authenticate and parse here, then hand the delivery to the batcher, which stores it with its message
    // id in a transaction shared with whatever else arrived meanwhile; the worker applies it afterwards.
    private CompletableFuture<HookOutcome> receiveDeferred(String sourceName, HookRequest request) {
        Optional<AlertSource> found = sources.find(sourceName).filter(AlertSource::active);
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(new HookOutcome.Rejected("hook.source_unknown",
                    "No active alert source of that name.", false));
        }
        AlertSource source = found.get();
        CollectedSeenIds seen = new CollectedSeenIds();
        HookOutcome refusal = refusal(source, request, seen);
        if (refusal != null) {
            return CompletableFuture.completedFuture(refusal);
        }
        byte[] body = request.body();
        NewDelivery delivery = new NewDelivery(sourceName, now(), body, sha256(body), seen.id());
        try {
            source.format().parser().parse(sourceName, body, source.defaultSeverity());
        } catch (MalformedAlertException e) {
            // Rare, so stored on its own; its message id is stored with it like any accepted delivery's.
            return CompletableFuture.completedFuture(jdbi.inTransaction(h -> h.attach(DeliveryIntakeDao.class)
                    .insertDelivery(delivery, DeliveryStatus.DEAD_LETTER, e.code(), cut(e.getMessage()))
                    .<HookOutcome>map(id -> new HookOutcome.DeadLettered(id, e))
                    .orElseGet(HookOutcome.Duplicate::new)));
        }
        return batcher.store(delivery);
    }

    /**
     * Authenticates the delivery (its message id, if the scheme has one, goes into {@code seen}) and takes its share of
     * the source's ceiling: the answer when it is refused, null when it is to be stored. Over the ceiling nothing is
     * stored, not even the message id, so the sender's retry is not taken for a repeat.
     */
    private HookOutcome refusal(AlertSource source, HookRequest request, CollectedSeenIds seen) {
        AuthOutcome auth = source.authentication().authenticatorFor(source.name().value(), clock, seen)
                .authenticate(request);
        if (auth instanceof AuthOutcome.Rejected rejected) {
            return new HookOutcome.Rejected(rejected.code(), message(rejected.reason()), false);
        }
        return overLimit(source);
    }

    // A delivery whose message id was stored before is a sender's retry (or a replay): answered as a duplicate.
    private HookOutcome store(Handle h, DeliveryIntakeDao dao, AlertSource source, NewDelivery d) {
        if (!rate(source).tryTake()) {
            // Over the rate a genuine alert is still never lost: senders like Splunk never re-send.
            long id = dao.enqueue(queueIds, List.of(d))[0];
            return id == DeliveryIntakeDao.REPLAYED ? new HookOutcome.Duplicate() : new HookOutcome.Queued(id);
        }
        Optional<Long> id = dao.insertDelivery(d, DeliveryStatus.PROCESSED, null, null);
        if (id.isEmpty()) {
            return new HookOutcome.Duplicate();
        }
        return apply(h, source, id.get(), d.receivedAt(), d.payload());
    }

    private HookOutcome apply(Handle h, AlertSource source, long deliveryId, Instant receivedAt, byte[] body) {
        HookDao dao = h.attach(HookDao.class);
        List<Alert> alerts;
        try {
            alerts = source.format().parser().parse(source.name().value(), body, source.defaultSeverity());
        } catch (MalformedAlertException e) {
            dao.markDead(deliveryId, e.code(), cut(e.getMessage()), now());
            return new HookOutcome.DeadLettered(deliveryId, e);
        }
        List<AlertResult> results = intake.apply(h, List.of(new AlertIntake.Delivery(source, deliveryId, receivedAt,
                alerts, List.of()))).get(0);
        dao.markProcessed(deliveryId, alerts.size(), now());
        return new HookOutcome.Processed(deliveryId, results);
    }

    /**
     * Applies up to {@code limit} queued deliveries, oldest first, in one transaction: each alert group they touch is
     * locked, read and written once, and identical deliveries of one source (same payload bytes) are coalesced into
     * the first, whose timeline entries name the others. Safe to run on several instances at once: the queue entries
     * are claimed with {@code FOR UPDATE SKIP LOCKED}. Answers how many deliveries it took off the queue, and whether
     * it left some behind (the round was full).
     */
    AppliedRound applyQueued(int limit) {
        try {
            return applyClaimed(limit, new AtomicReference<>());
        } catch (RuntimeException e) {
            if (isConnectionTrouble(e)) {
                throw e;
            }
            return applyOneByOne(limit);
        }
    }

    /**
     * After a batch could not be applied: each delivery in a transaction of its own, so that one that cannot be
     * applied (an alert the incident refuses) becomes a dead letter an admin can read and replay, instead of holding
     * back every delivery queued behind it, round after round.
     */
    private AppliedRound applyOneByOne(int limit) {
        int taken = 0;
        while (taken < limit) {
            AtomicReference<QueuedDelivery> claimed = new AtomicReference<>();
            try {
                int n = applyClaimed(1, claimed).taken();
                if (n == 0) {
                    break;
                }
                taken += n;
            } catch (RuntimeException e) {
                QueuedDelivery failed = claimed.get();
                if (failed == null || isConnectionTrouble(e)) {
                    throw e;
                }
                String message = UnexpectedErrorMapper.logged(e).message().replace("The server could not complete "
                        + "the request", "It could not be applied to an incident");
                jdbi.useTransaction(h -> {
                    HookDao dao = h.attach(HookDao.class);
                    Optional<QueueEntry> entry = dao.lockQueueEntry(failed.queueId())
                            .filter(q -> q.appliedThrough() < failed.id());
                    if (entry.isPresent()) {
                        dao.markDead(failed.id(), "hook.apply_failed", message, now());
                        QueueProgress progress = new QueueProgress();
                        progress.settle(entry.get(), failed.id());
                        progress.write(dao);
                    }
                });
                taken++;
            }
        }
        return new AppliedRound(taken, taken == limit);
    }

    /**
     * What a round of {@link #applyQueued} did.
     *
     * @param taken how many deliveries it took off the queue (applied or set aside)
     * @param full  it stopped at its limit, so more may be waiting now
     */
    record AppliedRound(int taken, boolean full) {
    }

    /** The database could not be reached: nothing can be applied, so nothing is set aside either. */
    private static boolean isConnectionTrouble(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.jdbi.v3.core.ConnectionException || t instanceof java.sql.SQLTransientException
                    || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private AppliedRound applyClaimed(int limit, AtomicReference<QueuedDelivery> firstClaimed) {
        return retryingLockWaits(() -> jdbi.inTransaction(h -> {
            HookDao dao = h.attach(HookDao.class);
            List<QueueEntry> entries = dao.claimQueue(Math.min(limit, QUEUE_ENTRIES_PER_ROUND));
            if (entries.isEmpty()) {
                return new AppliedRound(0, false);
            }
            List<QueuedDelivery> claimed = dao.waitingDeliveries(entries, limit);
            boolean cut = claimed.size() == limit;
            boolean full = cut || entries.size() == Math.min(limit, QUEUE_ENTRIES_PER_ROUND);
            Map<Long, Long> lastTaken = new HashMap<>();
            for (QueuedDelivery d : claimed) {
                lastTaken.put(d.queueId(), d.id());
            }
            QueueProgress progress = new QueueProgress();
            for (QueueEntry entry : entries) {
                Long through = lastTaken.get(entry.id());
                if (through != null) {
                    progress.settle(entry, through);
                } else if (!cut) {
                    // Nothing of it waits (its deliveries were applied or removed): the entry has no more to do.
                    progress.done.add(entry.id());
                }
            }
            progress.write(dao);
            if (claimed.isEmpty()) {
                return new AppliedRound(progress.done.size(), full);
            }
            firstClaimed.set(claimed.get(0));
            Instant now = now();
            QueuedBatch batch = QueuedBatch.plan(claimed, name -> sources.find(h, name));
            List<AlertIntake.Delivery> deliveries = batch.apply();
            intake.apply(h, deliveries);
            if (!batch.deadLetters().isEmpty()) {
                dao.markDead(batch.deadLetters().stream().map(QueuedBatch.DeadLetter::deliveryId).toList(),
                        batch.deadLetters().stream().map(QueuedBatch.DeadLetter::code).toList(),
                        batch.deadLetters().stream().map(QueuedBatch.DeadLetter::message).toList(), now);
            }
            Map<String, Integer> appliedPerSource = new HashMap<>();
            for (AlertIntake.Delivery d : deliveries) {
                appliedPerSource.merge(d.source().name().value(), 1 + d.coalesced().size(), Integer::sum);
            }
            // Counted once committed, like the "queued" meter: the pair tells how far the worker is behind.
            h.afterCommit(() -> appliedPerSource.forEach((source, n) ->
                    metrics.meter(MetricRegistry.name("hooks", source, "applied-from-queue")).mark(n)));
            return new AppliedRound(claimed.size(), full);
        }));
    }

    /** How far a round got into the queue entries it claimed, written in two batched statements. */
    private static final class QueueProgress {
        final List<Long> done = new ArrayList<>();
        final List<Long> advanced = new ArrayList<>();
        final List<Long> appliedThrough = new ArrayList<>();

        /** The entry's deliveries up to {@code through} are done: the entry goes once its last one is. */
        void settle(QueueEntry entry, long through) {
            if (through >= entry.lastDeliveryId()) {
                done.add(entry.id());
            } else {
                advanced.add(entry.id());
                appliedThrough.add(through);
            }
        }

        void write(HookDao dao) {
            if (!done.isEmpty()) {
                dao.dequeue(done);
            }
            if (!advanced.isEmpty()) {
                dao.advanceQueue(advanced, appliedThrough);
            }
        }
    }

    /**
     * Deletes deliveries and finished outbound messages older than {@code hooks.retention}; at most once an hour per
     * instance, since finding old deliveries reads the whole table (it is indexed by id only). Answers how many rows
     * went.
     */
    public int forgetOldRecords() {
        Instant now = now();
        Instant last = lastForget;
        if (last != null && now.isBefore(last.plus(1, ChronoUnit.HOURS))) {
            return 0;
        }
        lastForget = now;
        Instant before = now.minus(settings.getRetention().toJavaDuration());
        return jdbi.withHandle(h -> {
            HookDao dao = h.attach(HookDao.class);
            return dao.forgetDeliveriesBefore(before) + dao.forgetOutboundBefore(before);
        });
    }

    /** When the oldest delivery still waiting for the worker was received; empty when none waits. */
    public Optional<Instant> oldestWaiting() {
        return jdbi.withHandle(h -> h.attach(HookDao.class).oldestQueued()).map(OffsetDateTime::toInstant);
    }

    public Page<DeadLetterView> deadLetters(String source, PageRequest page) {
        return jdbi.withHandle(h -> {
            HookDao dao = h.attach(HookDao.class);
            return new Page<>(dao.deadLetters(source, page.limit(), page.offset()).stream()
                    .map(DeadLetterView::of).toList(), dao.countDeadLetters(source), page.limit(), page.offset());
        });
    }

    /** Reads a dead letter again with its source's current settings; 400 and unchanged when still unreadable. */
    public HookOutcome.Processed replay(long deliveryId, Actor actor) {
        HookOutcome outcome = jdbi.inTransaction(h -> {
            HookDao dao = h.attach(HookDao.class);
            DeliveryRow row = dao.lockDelivery(deliveryId).orElseThrow(() -> ApiException.notFound(
                    "dead_letter.not_found", "No dead letter with id " + deliveryId + "."));
            if (!row.status().equals(DeliveryStatus.DEAD_LETTER.name())) {
                throw ApiException.conflict("dead_letter.not_dead", "Delivery " + deliveryId + " is "
                        + row.status() + ", not a dead letter.", List.of());
            }
            AlertSource source = sources.find(h, row.source()).filter(AlertSource::active).orElseThrow(() ->
                    ApiException.conflict("alert_source.revoked", "The alert source '" + row.source()
                            + "' no longer accepts deliveries.", List.of()));
            HookOutcome applied = apply(h, source, deliveryId, row.receivedAt(), row.payload());
            if (applied instanceof HookOutcome.DeadLettered dead) {
                // Thrown to roll back: the dead letter stays as it was.
                throw malformed(dead);
            }
            dao.markReplayed(deliveryId, now(), actor.name());
            audit.record(h, new AuditEvent(actor.name(), "hook_delivery.replay", "hook_delivery",
                    Long.toString(deliveryId), Map.of("source", row.source())));
            return applied;
        });
        return (HookOutcome.Processed) outcome;
    }

    /** The API error for an unreadable delivery: the path and problem, never the payload's values. */
    public static ApiException malformed(HookOutcome.DeadLettered dead) {
        MalformedAlertException e = dead.problem();
        return ApiException.badRequest(e.code(), e.getMessage() + " (kept as dead letter " + dead.deliveryId()
                + ")", List.of(new org.breachline.http.ApiError.Detail(e.path(), e.problem())));
    }

    private HookOutcome rejected(String sourceKey, String code, String message) {
        authFailures.mark();
        metrics.meter(MetricRegistry.name("hooks", sourceKey, "auth-failures")).mark();
        boolean flood = !failureAllowance.computeIfAbsent(sourceKey, k -> new TokenBucket(clock,
                settings.getAuthFailuresPerMinute(), settings.getAuthFailuresPerMinute() / 60.0)).tryTake();
        // The payload and credentials are never logged; the source key is a validated name or a constant.
        LOG.warn("Refused a delivery to alert source {}: {}{}", sourceKey, code, flood ? " (flood: 429)" : "");
        return new HookOutcome.Rejected(code, message, flood);
    }

    private TokenBucket rate(AlertSource source) {
        return rates.computeIfAbsent(source.name().value(), s -> {
            VolumeLimits limits = limits(source);
            return new TokenBucket(clock, limits.rateBurst(), limits.ratePerSecond());
        });
    }

    /** Null while the source is within its ceiling (taking one delivery's share of it), else the 429 to answer. */
    private HookOutcome.OverLimit overLimit(AlertSource source) {
        Optional<TokenBucket> ceiling = ceilings.computeIfAbsent(source.name().value(), s -> {
            VolumeLimits limits = limits(source);
            return limits.hasCeiling()
                    ? Optional.of(new TokenBucket(clock, limits.maxBurst(), limits.maxPerSecond()))
                    : Optional.empty();
        });
        if (ceiling.isEmpty() || ceiling.get().tryTake()) {
            return null;
        }
        return new HookOutcome.OverLimit(limits(source).maxPerSecond(), ceiling.get().untilNextToken());
    }

    private VolumeLimits limits(AlertSource source) {
        return VolumeLimits.of(settings, configured.get(source.name().value()), source.format());
    }

    private static String message(RejectionReason reason) {
        return switch (reason) {
            case CREDENTIALS_MISSING -> "The delivery carries no credentials for this source.";
            case CREDENTIALS_INVALID -> "The delivery's credentials are not this source's.";
            case SIGNATURE_INVALID -> "No signature of the delivery matches this source's secret.";
            case MESSAGE_ID_INVALID -> "The webhook-id is longer than " + StandardWebhooksAuthenticator.MAX_ID_LENGTH
                    + " characters.";
            case TIMESTAMP_INVALID -> "The signed timestamp is not Unix seconds.";
            case TIMESTAMP_STALE -> "The signed timestamp is too far from our clock.";
            case REPLAYED -> "The message was already accepted.";
        };
    }

    private static String outcomeName(HookOutcome outcome) {
        if (outcome instanceof HookOutcome.Processed) {
            return "processed";
        } else if (outcome instanceof HookOutcome.Queued) {
            return "queued";
        } else if (outcome instanceof HookOutcome.Duplicate) {
            return "duplicates";
        } else if (outcome instanceof HookOutcome.OverLimit) {
            return "rate-limited";
        }
        return "dead-letters";
    }

    static String cut(String text) {
        return Abbreviation.of(text, 500);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
