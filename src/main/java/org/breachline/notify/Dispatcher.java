package org.breachline.notify;

import io.dropwizard.lifecycle.Managed;
import org.breachline.crypto.CiphertextRejectedException;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentService;
import org.breachline.lifecycle.GracefulShutdown;
import org.breachline.people.PeopleService;
import org.breachline.people.Recipient;
import org.breachline.people.SealedRecipient;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works through the outbox, one {@link Lane} per channel, each with its own loop and its own sender threads (as many
 * as the channel says it can use at once: the SMTP pool's connections).
 * <p>
 * A round of a lane reconciles deliveries left in flight by a dead worker, then claims a batch of due deliveries
 * (locked with {@code SKIP LOCKED}, marked in flight and awaiting hand-off in one committed update) and sends it at
 * the channel's rate. Sending goes by windows of {@code recordEvery} deliveries: one transaction records the outcomes
 * that came back since the last one and marks the next window as handed to the channel, and only after it commits
 * are those deliveries given to the senders. At most two windows are out at once, so the senders never wait for the
 * database. A crash therefore leaves three kinds of in-flight rows, all found by their stopped heartbeat: awaiting
 * hand-off (never sent: queued again), handed (asked of the channel: the file sink and Twilio can tell; SMTP cannot,
 * so those become UNCERTAIN and are not resent), and none other. Transient failures come back after an exponential
 * backoff with jitter; permanent ones fail at once; after the last attempt a delivery fails.
 */
public final class Dispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Jdbi jdbi;
    private final CampaignService campaigns;
    private final IncidentService incidents;
    private final PeopleService people;
    private final NoticeRenderer renderer;
    private final MeasuredRates rates;
    private final Map<Channel, Lane> lanes = new EnumMap<>(Channel.class);
    private final Map<UUID, Prepared> prepared = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Backoff backoff;
    private final NotifyConfiguration.Dispatcher config;
    private final String worker;
    private final String callbackUrl;
    private final Duration beatEvery;
    private final ChannelBlocks blocks;

    public Dispatcher(Jdbi jdbi, CampaignService campaigns, IncidentService incidents, PeopleService people,
                      NoticeRenderer renderer, MeasuredRates rates, List<DeliveryChannel> channels, Clock clock,
                      NotifyConfiguration config, String worker, ChannelBlocks blocks) {
        this.jdbi = jdbi;
        this.campaigns = campaigns;
        this.incidents = incidents;
        this.people = people;
        this.renderer = renderer;
        this.rates = rates;
        this.clock = clock;
        this.config = config.getDispatcher();
        this.worker = worker;
        this.blocks = blocks;
        this.callbackUrl = config.getPublicBaseUrl().replaceAll("/+$", "") + TwilioStatusResource.PATH;
        this.backoff = new Backoff(Duration.ofMillis(this.config.getBackoffBase().toMilliseconds()),
                Duration.ofMillis(this.config.getBackoffMax().toMilliseconds()), java.util.random.RandomGenerator.getDefault());
        // A live worker beats well inside staleAfter, so only a dead one's claims ever look stale.
        this.beatEvery = Duration.ofMillis(this.config.getStaleAfter().toMilliseconds() / 4);
        for (DeliveryChannel c : channels) {
            lanes.put(c.channel(), new Lane(c));
        }
    }

    /** What one round did, per outcome. */
    public record Round(int sent, int retried, int failed, int reconciled) {
        static final Round NONE = new Round(0, 0, 0, 0);

        Round plus(Round o) {
            return new Round(sent + o.sent, retried + o.retried, failed + o.failed, reconciled + o.reconciled);
        }

        boolean idle() {
            return sent + retried + failed + reconciled == 0;
        }
    }

    /** One round of every channel, in the caller's thread: reconcile stale claims, then claim and send a batch. */
    public Round runOnce() {
        Round total = Round.NONE;
        for (Lane lane : lanes.values()) {
            total = total.plus(lane.round(true));
        }
        return total;
    }

    /** Runs rounds until nothing is due (used by tests and the admin task); bounded by {@code maxRounds}. */
    public Round drain(int maxRounds) {
        Round total = Round.NONE;
        for (int i = 0; i < maxRounds; i++) {
            Round r = runOnce();
            total = total.plus(r);
            if (r.idle()) {
                break;
            }
        }
        return total;
    }

    /** Starts one loop per channel: rounds back to back while there is work, {@code pollEvery} apart when idle. */
    @Override
    public void start() {
        if (config.isEnabled()) {
            lanes.values().forEach(Lane::startLoop);
        }
    }

    @Override
    public void stop() {
        lanes.values().forEach(Lane::stopLoop);
        lanes.values().forEach(Lane::close);
    }

    /** The campaign's kind and variables (and its incident's key): fixed once it is launched, so read once and kept. */
    private record Prepared(NoticeKind kind, Map<String, Object> variables, String incidentKey) {
    }

    private Prepared prepared(UUID campaignId) {
        if (prepared.size() > 256) {
            prepared.clear();
        }
        return prepared.computeIfAbsent(campaignId, id -> {
            Campaign c = jdbi.withHandle(h -> campaigns.find(h, id.toString(), false));
            Incident incident = incidents.get(c.incidentId().toString());
            return new Prepared(c.noticeKind(), campaigns.templateVariables(c.variables(), incident), incident.key());
        });
    }

    RenderedNotice render(Prepared campaign, Channel channel, Recipient to) {
        Map<String, Object> variables = new HashMap<>(campaign.variables());
        variables.put("personName", to.name());
        variables.put("personReference", to.reference());
        return renderer.render(campaign.kind(), channel, to.locale(), to.jurisdiction(), variables);
    }

    /** One channel's share of the outbox: its rate limit, its senders, its loop. */
    private final class Lane {
        private final DeliveryChannel channel;
        private final RateLimiter limit;
        private final ExecutorService senders;
        /** Campaigns this lane sent for since it last checked whether they are done. */
        private final Set<UUID> unchecked = new HashSet<>();
        private ScheduledExecutorService loop;
        private Instant lastSweep;
        private Instant lastReconcile;

        Lane(DeliveryChannel channel) {
            this.channel = channel;
            this.limit = new RateLimiter(clock, channel.ratePerSecond());
            AtomicInteger n = new AtomicInteger();
            String name = "notice-sender-" + channel.channel().folder() + "-";
            this.senders = Executors.newFixedThreadPool(Math.max(1, channel.senders()), r -> {
                Thread t = new Thread(r, name + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        /**
         * Reconciles (always when asked to, else when a quarter of {@code staleAfter} has passed since the last time:
         * no claim can turn stale sooner), then claims and sends one batch.
         */
        synchronized Round round(boolean reconcileNow) {
            if (blocks.current().containsKey(channel.channel())) {
                return Round.NONE; // nothing claimed or reconciled until an admin resumes it or the service restarts
            }
            Instant now = now();
            int reconciled = 0;
            if (reconcileNow || lastReconcile == null || Duration.between(lastReconcile, now).compareTo(beatEvery) >= 0) {
                lastReconcile = now;
                reconciled = reconcileStale();
            }
            return new Round(0, 0, 0, reconciled).plus(sendBatch());
        }

        void startLoop() {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "notice-dispatcher-" + channel.channel().folder());
                t.setDaemon(true);
                return t;
            });
            schedule(config.getPollEvery().toMilliseconds());
        }

        private void schedule(long delayMillis) {
            try {
                loop.schedule(this::loopOnce, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // The service is stopping: no further rounds.
            }
        }

        private void loopOnce() {
            long idle = config.getPollEvery().toMilliseconds();
            long pause = idle;
            try {
                if (!round(false).idle()) {
                    pause = 0;
                } else if (limit.available() == 0) {
                    pause = Math.max(1, Math.min(idle, limit.untilAvailable().toMillis()));
                }
            } catch (RuntimeException e) {
                // The type only: messages of driver or provider errors may quote an address.
                LOG.error("Dispatch round for {} failed ({}); the next round retries", channel.channel(),
                        e.getClass().getName());
            }
            schedule(pause);
        }

        void stopLoop() {
            GracefulShutdown.stop(loop, Duration.ofSeconds(10));
        }

        void close() {
            GracefulShutdown.stop(senders, Duration.ofSeconds(10));
            channel.close();
        }

        private Round sendBatch() {
            int allowed = Math.min(config.getBatchSize(), limit.available());
            if (allowed == 0) {
                return Round.NONE;
            }
            Instant started = now();
            List<ClaimedDelivery> claimed = claim(allowed);
            if (claimed.isEmpty()) {
                completeChecked();
                sweep(started);
                return Round.NONE;
            }
            Batch batch = new Batch(claimed);
            try {
                batch.send();
            } finally {
                unchecked.addAll(batch.campaigns);
                if (claimed.size() < allowed) {
                    // The queue ran short: the campaigns just worked on may be done now.
                    completeChecked();
                }
            }
            try {
                rates.record(channel.channel(), Math.round(batch.unitsSent), Duration.between(started, now()), worker);
            } catch (RuntimeException e) {
                LOG.warn("Could not store the measured {} rate ({})", channel.channel(), e.getClass().getName());
            }
            return new Round(batch.sent, batch.retried, batch.failed, 0);
        }

        private void completeChecked() {
            unchecked.forEach(campaigns::completeIfDone);
            unchecked.clear();
        }

        /**
         * Now and then, when idle, checks every sending campaign: one whose last outcomes were recorded by a
         * worker that died before checking would otherwise never be marked completed.
         */
        private void sweep(Instant now) {
            if (lastSweep == null || Duration.between(lastSweep, now).compareTo(beatEvery) >= 0) {
                lastSweep = now;
                jdbi.withExtension(DeliveryDao.class, DeliveryDao::sendingCampaigns)
                        .forEach(campaigns::completeIfDone);
            }
        }

        /** Locks due rows, marks them in flight under this worker's name and commits: the claim is in the rows. */
        private List<ClaimedDelivery> claim(int n) {
            Instant now = now();
            return jdbi.inTransaction(h -> {
                DeliveryDao dao = h.attach(DeliveryDao.class);
                List<Long> ids = dao.lockDue(channel.channel().name(), now, n);
                if (ids.isEmpty()) {
                    return List.of();
                }
                dao.claim(ids, worker, now);
                return dao.find(ids);
            });
        }

        /** Settles deliveries whose worker died mid-send, asking the channel only about those it may have sent. */
        private int reconcileStale() {
            Instant now = now();
            Instant cutoff = now.minus(Duration.ofMillis(config.getStaleAfter().toMilliseconds()));
            Set<UUID> touched = new HashSet<>();
            int settled = jdbi.inTransaction(h -> {
                DeliveryDao dao = h.attach(DeliveryDao.class);
                List<Long> ids = dao.lockStale(channel.channel().name(), cutoff, config.getBatchSize());
                if (ids.isEmpty()) {
                    return 0;
                }
                List<ClaimedDelivery> stale = dao.find(ids);
                Map<Long, SealedRecipient> recipients = sealedRecipients(stale);
                for (ClaimedDelivery d : stale) {
                    touched.add(d.campaignId());
                    DeliveryChannel.Reconciliation verdict = d.awaitingHandoff()
                            ? new DeliveryChannel.Reconciliation.NotSent() : ask(d, recipients.get(d.personId()));
                    if (verdict instanceof DeliveryChannel.Reconciliation.AlreadySent s) {
                        dao.reconciled(d.id(), DeliveryStatus.SENT.name(), s.providerId(), null, now);
                    } else if (verdict instanceof DeliveryChannel.Reconciliation.CannotTell c) {
                        dao.reconciled(d.id(), DeliveryStatus.UNCERTAIN.name(), null, clip("in flight when its "
                                + "worker stopped; " + c.reason() + "; not resent automatically"), now);
                    } else {
                        dao.reconciled(d.id(), DeliveryStatus.QUEUED.name(), null, d.awaitingHandoff()
                                ? "reconciled after a stopped worker: claimed but never handed to the channel, "
                                + "queued again" : "reconciled after a stopped worker: not sent, queued again", now);
                    }
                }
                return stale.size();
            });
            touched.forEach(campaigns::completeIfDone);
            return settled;
        }

        private DeliveryChannel.Reconciliation ask(ClaimedDelivery d, SealedRecipient sealed) {
            Recipient to;
            try {
                to = sealed == null ? null : sealed.open();
            } catch (CiphertextRejectedException e) {
                // Nothing was rendered from data that does not open, so nothing went out: the next attempt fails it.
                return new DeliveryChannel.Reconciliation.NotSent();
            }
            String address = address(to);
            if (address == null) {
                return new DeliveryChannel.Reconciliation.NotSent();
            }
            RenderedNotice notice;
            try {
                notice = render(prepared(d.campaignId()), channel.channel(), to);
            } catch (RuntimeException e) {
                notice = null;
            }
            return channel.reconcile(new DeliveryChannel.InFlight(d.id(), d.claimedAt(), address, notice));
        }

        private String address(Recipient to) {
            return RecipientAddress.of(channel.channel(), to);
        }

        /** The people of these deliveries, their contact data still sealed: each is opened where it is used. */
        private Map<Long, SealedRecipient> sealedRecipients(List<ClaimedDelivery> deliveries) {
            return people.sealedRecipients(deliveries.stream().map(ClaimedDelivery::personId).toList()).stream()
                    .collect(Collectors.toMap(SealedRecipient::id, Function.identity()));
        }

        /**
         * One claimed batch on its way out: prepares each delivery, hands windows of them to the senders after
         * committing the hand-off, and records outcomes a window at a time.
         */
        private final class Batch {
            private final List<ClaimedDelivery> claimed;
            /** Claimed and not yet recorded: what the heartbeat keeps alive. */
            private final Set<Long> held = new HashSet<>();
            private final List<Result> unrecorded = new ArrayList<>();
            private final LinkedBlockingQueue<Result> done = new LinkedBlockingQueue<>();
            private final Set<UUID> campaigns = new HashSet<>();
            private Instant lastBeat;
            private int sent;
            private int retried;
            private int failed;
            private double unitsSent;
            /** Why the provider refused the sender itself, once it has; what is left of the batch then goes back. */
            private String blockedReason;
            private final List<Long> unsent = new ArrayList<>();
            /** Set by the sender thread that met the refusal, so that jobs queued behind it are not tried at all. */
            private volatile String refusal;

            Batch(List<ClaimedDelivery> claimed) {
                this.claimed = claimed;
                claimed.forEach(d -> held.add(d.id()));
                this.lastBeat = now();
            }

            void send() {
                Map<Long, SealedRecipient> recipients = sealedRecipients(claimed);
                int window = config.getRecordEvery();
                int next = 0;
                int out = 0;
                boolean handing = true;
                try {
                    while ((handing && next < claimed.size()) || out > 0) {
                        if (handing && next < claimed.size() && out <= window) {
                            List<Job> jobs = new ArrayList<>();
                            for (; next < claimed.size() && jobs.size() < window; next++) {
                                prepare(claimed.get(next), recipients).ifPresent(jobs::add);
                            }
                            List<Job> handed;
                            try {
                                handed = handOff(jobs);
                            } catch (RuntimeException e) {
                                // Not committed, so not handed: those rows stay awaiting hand-off for reconciliation.
                                handing = false;
                                LOG.error("Hand-off for {} failed ({}); the rest of the batch waits for "
                                        + "reconciliation", channel.channel(), e.getClass().getName());
                                continue;
                            }
                            for (Job job : handed) {
                                senders.execute(() -> done.add(sendUnlessRefused(job)));
                            }
                            out += handed.size();
                            continue;
                        }
                        Result r = done.poll(1, TimeUnit.SECONDS);
                        if (r != null) {
                            List<Result> more = new ArrayList<>(List.of(r));
                            done.drainTo(more);
                            out -= more.size();
                            more.forEach(this::finished);
                            if (blockedReason != null) {
                                handing = false;
                            }
                        }
                        if (beatDue()) {
                            jdbi.useTransaction(h -> beat(h.attach(DeliveryDao.class)));
                        }
                    }
                } catch (InterruptedException e) {
                    // Stopping without patience: what is out stays in flight and is reconciled after a restart.
                    Thread.currentThread().interrupt();
                }
                if (!unrecorded.isEmpty()) {
                    List<Result> writing = List.copyOf(unrecorded);
                    jdbi.useTransaction(h -> record(h.attach(DeliveryDao.class), writing));
                    recorded(writing);
                }
                if (blockedReason != null) {
                    release(next);
                }
            }

            /**
             * After the provider refused the sender: the deliveries it refused, and those never handed to the
             * channel, go back to the queue untried (the attempt undone); the channel stays stopped.
             */
            private void release(int firstNotHanded) {
                claimed.subList(firstNotHanded, claimed.size()).forEach(d -> unsent.add(d.id()));
                if (unsent.isEmpty()) {
                    return;
                }
                String why = clip("not sent: the " + channel.channel() + " channel is stopped (" + blockedReason + ")");
                jdbi.useExtension(DeliveryDao.class, dao -> dao.release(unsent, worker, why, now()));
                unsent.forEach(held::remove);
            }

            /** Runs on a sender thread. Once the provider refused the sender, the jobs still queued stay untried. */
            private Result sendUnlessRefused(Job job) {
                String refused = refusal;
                if (refused != null) {
                    return job.untried(refused);
                }
                Result r = attempt(job);
                if (r.result() instanceof DeliveryChannel.SendResult.ChannelBlocked b) {
                    refusal = b.reason();
                }
                return r;
            }

            /**
             * The job for one delivery, or its permanent failure (recorded with the next window) if the person is
             * gone. Opening the contact data and rendering wait for the sender thread ({@link #attempt}): done here,
             * they made this one thread the bound of the whole lane.
             */
            private java.util.Optional<Job> prepare(ClaimedDelivery d, Map<Long, SealedRecipient> recipients) {
                campaigns.add(d.campaignId());
                SealedRecipient to = recipients.get(d.personId());
                if (to == null) {
                    finished(Result.notSent(d, null, new DeliveryChannel.SendResult.Permanent(noAddress())));
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new Job(d, to, prepared(d.campaignId())));
            }

            /**
             * Runs on a sender thread and never throws (its batch waits for every result): opens the person's
             * contact data, renders the notice and sends it. What fails before the channel is asked was not sent.
             */
            private Result attempt(Job job) {
                ClaimedDelivery d = job.delivery();
                Recipient to = null;
                RenderedNotice notice;
                String address;
                try {
                    to = job.sealed().open();
                    address = address(to);
                    if (address == null) {
                        return Result.notSent(d, to, new DeliveryChannel.SendResult.Permanent(noAddress()));
                    }
                    notice = render(job.campaign(), channel.channel(), to);
                } catch (CiphertextRejectedException e) {
                    return Result.notSent(d, null, new DeliveryChannel.SendResult.Permanent(
                            "cannot open the person's contact data: " + e.getMessage()));
                } catch (NoTemplateException | SmsTooLongException | IllegalArgumentException e) {
                    return Result.notSent(d, to, new DeliveryChannel.SendResult.Permanent("cannot render: "
                            + e.getMessage()));
                } catch (RuntimeException e) {
                    // Not sent, and perhaps not for ever (a template being edited): try again later. The type only,
                    // as a message could quote the person's data.
                    return Result.notSent(d, to, new DeliveryChannel.SendResult.Transient("could not prepare the "
                            + "notice (" + e.getClass().getName() + ")"));
                }
                return job.send(channel, callbackUrl, to, address, notice, new DeliveryChannel.About(
                        d.campaignId(), job.campaign().incidentKey(), job.campaign().kind(), to.locale()));
            }

            private String noAddress() {
                return "no " + channel.channel().folder() + " address (purged or never given)";
            }

            /**
             * One transaction: the outcomes so far, the hand-off of {@code jobs} and, when due, the heartbeat.
             * Returns the jobs this worker still holds (all, unless its claim was reconciled away meanwhile).
             */
            private List<Job> handOff(List<Job> jobs) {
                List<Result> writing = List.copyOf(unrecorded);
                List<Job> handed = jdbi.inTransaction(h -> {
                    DeliveryDao dao = h.attach(DeliveryDao.class);
                    record(dao, writing);
                    if (beatDue()) {
                        beat(dao);
                    }
                    if (jobs.isEmpty()) {
                        return jobs;
                    }
                    int[] marked = dao.handOff(jobs.stream().map(j -> j.delivery().id()).toList(), worker);
                    List<Job> ours = new ArrayList<>(jobs.size());
                    for (int i = 0; i < jobs.size(); i++) {
                        if (marked[i] > 0) {
                            ours.add(jobs.get(i));
                        }
                    }
                    if (ours.size() < jobs.size()) {
                        LOG.warn("{} of {} deliveries of a {} batch were taken from this worker before hand-off; "
                                + "not sending them", jobs.size() - ours.size(), jobs.size(), channel.channel());
                    }
                    return ours;
                });
                recorded(writing);
                if (handed.size() < jobs.size()) {
                    jobs.stream().filter(j -> !handed.contains(j)).forEach(j -> held.remove(j.delivery().id()));
                }
                return handed;
            }

            private boolean beatDue() {
                return Duration.between(lastBeat, now()).compareTo(beatEvery) >= 0;
            }

            private void beat(DeliveryDao dao) {
                lastBeat = now();
                if (!held.isEmpty()) {
                    dao.heartbeat(held, worker, lastBeat);
                }
            }

            private void finished(Result r) {
                if (r.result() instanceof DeliveryChannel.SendResult.ChannelBlocked b) {
                    // Not this person's fault: stop the channel; this delivery goes back untried.
                    if (blockedReason == null) {
                        blockedReason = b.reason();
                        blocks.block(channel.channel(), b.reason(), worker);
                    }
                    unsent.add(r.delivery().id());
                    return;
                }
                unrecorded.add(r);
                if (r.units() > 0) {
                    limit.spend(r.units());
                }
            }

            /** Writes outcomes, one JDBC batch per kind of outcome; {@link #recorded} counts them once committed. */
            private void record(DeliveryDao dao, List<Result> results) {
                if (results.isEmpty()) {
                    return;
                }
                Instant now = now();
                List<DeliveryDao.Outcome> sentRows = new ArrayList<>();
                List<DeliveryDao.Outcome> retryRows = new ArrayList<>();
                List<DeliveryDao.Outcome> failedRows = new ArrayList<>();
                List<DeliveryDao.Outcome> unknownRows = new ArrayList<>();
                for (Result r : results) {
                    ClaimedDelivery d = r.delivery();
                    DeliveryChannel.SendResult result = scrub(r.result(), r.to());
                    if (result instanceof DeliveryChannel.SendResult.Sent s) {
                        sentRows.add(new DeliveryDao.Outcome(d.id(), s.providerId(), r.template(), r.segments(), null,
                                null));
                    } else if (result instanceof DeliveryChannel.SendResult.Permanent p) {
                        failedRows.add(new DeliveryDao.Outcome(d.id(), null, null, null, clip(p.reason()), null));
                    } else if (result instanceof DeliveryChannel.SendResult.Transient t) {
                        if (d.attempts() >= config.getMaxAttempts()) {
                            failedRows.add(new DeliveryDao.Outcome(d.id(), null, null, null, clip("gave up after "
                                    + d.attempts() + " attempts: " + t.reason()), null));
                        } else {
                            retryRows.add(new DeliveryDao.Outcome(d.id(), null, null, null, clip(t.reason()),
                                    now.plus(backoff.after(d.attempts()))));
                        }
                    } else {
                        // Left in flight with its heartbeat stopped: reconciliation asks the provider before any resend.
                        String reason = ((DeliveryChannel.SendResult.Unknown) result).reason();
                        unknownRows.add(new DeliveryDao.Outcome(d.id(), null, null, null, clip(reason),
                                now.minus(Duration.ofDays(1))));
                    }
                }
                int lost = 0;
                lost += notWritten(sentRows.isEmpty() ? new int[0] : dao.markSent(sentRows, worker, now));
                lost += notWritten(retryRows.isEmpty() ? new int[0] : dao.markRetry(retryRows, worker, now));
                lost += notWritten(failedRows.isEmpty() ? new int[0] : dao.markFailed(failedRows, worker, now));
                lost += notWritten(unknownRows.isEmpty() ? new int[0] : dao.markUnknown(unknownRows, worker, now));
                if (lost > 0) {
                    LOG.warn("{} outcomes on {} were not recorded: their claim was reconciled by another worker",
                            lost, channel.channel());
                }
            }

            private void recorded(List<Result> results) {
                for (Result r : results) {
                    held.remove(r.delivery().id());
                    DeliveryChannel.SendResult result = r.result();
                    if (result instanceof DeliveryChannel.SendResult.Sent) {
                        sent++;
                        unitsSent += r.units();
                    } else if (result instanceof DeliveryChannel.SendResult.Permanent
                            || (result instanceof DeliveryChannel.SendResult.Transient
                            && r.delivery().attempts() >= config.getMaxAttempts())) {
                        failed++;
                    } else {
                        retried++;
                    }
                }
                // What was written is always the oldest part of what was waiting: this thread alone adds to it.
                unrecorded.subList(0, results.size()).clear();
            }
        }

        /** A delivery handed to the senders: whom (still sealed) and for which campaign. */
        private record Job(ClaimedDelivery delivery, SealedRecipient sealed, Prepared campaign) {
            Result send(DeliveryChannel channel, String callbackUrl, Recipient to, String address,
                        RenderedNotice notice, DeliveryChannel.About about) {
                Integer segments = notice instanceof RenderedNotice.Sms sms ? sms.segments().segments() : null;
                DeliveryChannel.SendResult result;
                try {
                    result = channel.send(new DeliveryChannel.Outgoing(delivery.id(), address, notice, callbackUrl, about));
                } catch (RuntimeException e) {
                    // A channel bug must not lose the claim's outcome: we cannot tell whether it went out.
                    result = new DeliveryChannel.SendResult.Unknown("channel error " + e.getClass().getSimpleName());
                }
                return new Result(delivery, to, result, notice.template(), segments, segments == null ? 1 : segments);
            }

            Result untried(String refusal) {
                return Result.notSent(delivery, null, new DeliveryChannel.SendResult.ChannelBlocked(refusal));
            }
        }
    }

    /** What happened to one delivery, and how many rate units it used. */
    private record Result(ClaimedDelivery delivery, Recipient to, DeliveryChannel.SendResult result, String template,
                          Integer segments, double units) {
        /** An outcome reached without asking the channel: no template went out and no rate was used. */
        static Result notSent(ClaimedDelivery delivery, Recipient to, DeliveryChannel.SendResult result) {
            return new Result(delivery, to, result, null, null, 0);
        }
    }

    private static int notWritten(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c == 0 ? 1 : 0;
        }
        return n;
    }

    /** Provider messages sometimes quote the address; errors are stored and shown, so it is cut out. */
    private static DeliveryChannel.SendResult scrub(DeliveryChannel.SendResult result, Recipient to) {
        if (to == null) {
            return result;
        }
        if (result instanceof DeliveryChannel.SendResult.Transient t) {
            return new DeliveryChannel.SendResult.Transient(scrub(t.reason(), to));
        }
        if (result instanceof DeliveryChannel.SendResult.Permanent p) {
            return new DeliveryChannel.SendResult.Permanent(scrub(p.reason(), to));
        }
        if (result instanceof DeliveryChannel.SendResult.Unknown u) {
            return new DeliveryChannel.SendResult.Unknown(scrub(u.reason(), to));
        }
        return result;
    }

    private static String scrub(String reason, Recipient to) {
        String r = reason == null ? "" : reason;
        for (String secret : new String[] {to.email(), to.phone(), to.name()}) {
            if (secret != null && !secret.isBlank()) {
                r = r.replace(secret, "<recipient>");
            }
        }
        return r;
    }

    private static String clip(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
