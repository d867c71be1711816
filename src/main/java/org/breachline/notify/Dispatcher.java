package org.breachline.notify;

import io.dropwizard.lifecycle.Managed;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentService;
import org.breachline.people.PeopleService;
import org.breachline.people.Recipient;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.breachline.lifecycle.GracefulShutdown;

/**
 * Works through the outbox: reconciles deliveries left in flight by a dead worker, claims due deliveries in batches
 * (the claim and the in-flight mark are one committed update, made before anything is sent), renders and sends
 * them at each channel's rate, and records each outcome under the claim. Transient failures come back after an
 * exponential backoff with jitter; permanent ones fail at once; after the last attempt a delivery fails.
 */
public final class Dispatcher implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** Beat at least this often while sending a batch, well inside {@code staleAfter}. */
    private static final int BEAT_EVERY = 20;

    private final Jdbi jdbi;
    private final CampaignService campaigns;
    private final IncidentService incidents;
    private final PeopleService people;
    private final NoticeRenderer renderer;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final Map<Channel, RateLimiter> limits = new EnumMap<>(Channel.class);
    private final Clock clock;
    private final Backoff backoff;
    private final NotifyConfiguration.Dispatcher config;
    private final String worker;
    private final String callbackUrl;
    private final ChannelBlocks blocks;
    private ScheduledExecutorService loop;

    public Dispatcher(Jdbi jdbi, CampaignService campaigns, IncidentService incidents, PeopleService people,
                      NoticeRenderer renderer, List<DeliveryChannel> channels, Clock clock,
                      NotifyConfiguration config, String worker, ChannelBlocks blocks) {
        this.jdbi = jdbi;
        this.campaigns = campaigns;
        this.incidents = incidents;
        this.people = people;
        this.renderer = renderer;
        this.clock = clock;
        this.config = config.getDispatcher();
        this.worker = worker;
        this.blocks = blocks;
        this.callbackUrl = config.getPublicBaseUrl().replaceAll("/+$", "") + TwilioStatusResource.PATH;
        this.backoff = new Backoff(Duration.ofMillis(this.config.getBackoffBase().toMilliseconds()),
                Duration.ofMillis(this.config.getBackoffMax().toMilliseconds()), java.util.random.RandomGenerator.getDefault());
        for (DeliveryChannel c : channels) {
            this.channels.put(c.channel(), c);
            this.limits.put(c.channel(), new RateLimiter(clock, c.ratePerSecond()));
        }
    }

    /** What one round did, per outcome. */
    public record Round(int sent, int retried, int failed, int reconciled) {
        Round plus(Round o) {
            return new Round(sent + o.sent, retried + o.retried, failed + o.failed, reconciled + o.reconciled);
        }
    }

    /** One pass over every channel: reconcile stale claims, then claim and send what the rate allows. */
    public synchronized Round runOnce() {
        Round total = new Round(0, 0, 0, 0);
        Map<Channel, ChannelBlock> stopped = blocks.current();
        for (DeliveryChannel channel : channels.values()) {
            if (stopped.containsKey(channel.channel())) {
                continue; // nothing claimed or reconciled until an admin resumes it or the service restarts
            }
            total = total.plus(new Round(0, 0, 0, reconcileStale(channel)));
            total = total.plus(sendBatch(channel));
        }
        return total;
    }

    /** Runs rounds until nothing is due (used by tests and the admin task); bounded by {@code maxRounds}. */
    public Round drain(int maxRounds) {
        Round total = new Round(0, 0, 0, 0);
        for (int i = 0; i < maxRounds; i++) {
            Round r = runOnce();
            total = total.plus(r);
            if (r.sent() + r.retried() + r.failed() + r.reconciled() == 0) {
                break;
            }
        }
        return total;
    }

    @Override
    public void start() {
        if (!config.isEnabled()) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notice-dispatcher");
            t.setDaemon(true);
            return t;
        });
        long every = config.getPollEvery().toMilliseconds();
        loop.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                // The type only: messages of driver or provider errors may quote an address.
                LOG.error("Dispatch round failed ({}); the next round retries", e.getClass().getName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        GracefulShutdown.stop(loop, Duration.ofSeconds(10));
        channels.values().forEach(DeliveryChannel::close);
    }

    private Round sendBatch(DeliveryChannel channel) {
        RateLimiter limit = limits.get(channel.channel());
        int allowed = Math.min(config.getBatchSize(), limit.available());
        if (allowed == 0) {
            return new Round(0, 0, 0, 0);
        }
        List<ClaimedDelivery> batch = claim(channel.channel(), allowed);
        if (batch.isEmpty()) {
            return new Round(0, 0, 0, 0);
        }
        Map<Long, Recipient> recipients = people.recipients(batch.stream().map(ClaimedDelivery::personId).toList())
                .stream().collect(Collectors.toMap(Recipient::id, Function.identity()));
        Map<UUID, Prepared> prepared = new HashMap<>();
        int sent = 0;
        int retried = 0;
        int failed = 0;
        Set<UUID> touched = new HashSet<>();
        List<Long> pending = new ArrayList<>(batch.stream().map(ClaimedDelivery::id).toList());
        for (int i = 0; i < batch.size(); i++) {
            ClaimedDelivery d = batch.get(i);
            if (i > 0 && i % BEAT_EVERY == 0) {
                beat(pending);
            }
            touched.add(d.campaignId());
            Prepared campaign = prepared.computeIfAbsent(d.campaignId(), this::prepare);
            Attempt attempt = attempt(channel, d, campaign, recipients.get(d.personId()));
            if (attempt.result() instanceof DeliveryChannel.SendResult.ChannelBlocked b) {
                // Not this person's fault: stop the channel, and this delivery and the rest go back untried.
                blocks.block(channel.channel(), b.reason(), worker);
                String why = clip("not sent: the " + channel.channel() + " channel is stopped (" + b.reason() + ")");
                jdbi.useExtension(DeliveryDao.class, dao -> dao.release(pending, worker, why, now()));
                break;
            }
            pending.remove(d.id());
            DeliveryStatus outcome = record(d, attempt);
            if (outcome == DeliveryStatus.SENT) {
                sent++;
            } else if (outcome == DeliveryStatus.QUEUED || outcome == DeliveryStatus.SENDING) {
                retried++;
            } else {
                failed++;
            }
            if (attempt.units() > 0) {
                limit.spend(attempt.units());
            }
        }
        touched.forEach(campaigns::completeIfDone);
        return new Round(sent, retried, failed, 0);
    }

    /** Locks due rows, marks them in flight under this worker's name and commits: the claim is in the rows. */
    private List<ClaimedDelivery> claim(Channel channel, int limit) {
        Instant now = now();
        return jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            List<Long> ids = dao.lockDue(channel.name(), now, limit);
            if (ids.isEmpty()) {
                return List.of();
            }
            dao.claim(ids, worker, now);
            return dao.find(ids);
        });
    }

    private void beat(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbi.useExtension(DeliveryDao.class, dao -> dao.heartbeat(ids, worker, now()));
        }
    }

    /** The campaign's kind and variables (and its incident's key), read once per batch. */
    private record Prepared(NoticeKind kind, Map<String, Object> variables, String incidentKey) {
    }

    private Prepared prepare(UUID campaignId) {
        CampaignView c = campaigns.get(campaignId.toString());
        Incident incident = incidents.get(c.incidentKey());
        return new Prepared(c.noticeKind(), campaigns.templateVariables(c.variables(), incident), incident.key());
    }

    /** What happened to one delivery, and how many rate units it used. */
    private record Attempt(DeliveryChannel.SendResult result, String template, Integer segments, double units) {
    }

    private Attempt attempt(DeliveryChannel channel, ClaimedDelivery d, Prepared campaign, Recipient to) {
        String address = RecipientAddress.of(channel.channel(), to);
        if (address == null) {
            return new Attempt(new DeliveryChannel.SendResult.Permanent("no " + channel.channel().folder()
                    + " address (purged or never given)"), null, null, 0);
        }
        RenderedNotice notice;
        try {
            notice = render(campaign, channel.channel(), to);
        } catch (NoTemplateException | SmsTooLongException | IllegalArgumentException e) {
            return new Attempt(new DeliveryChannel.SendResult.Permanent("cannot render: " + e.getMessage()), null,
                    null, 0);
        }
        Integer segments = notice instanceof RenderedNotice.Sms sms ? sms.segments().segments() : null;
        DeliveryChannel.SendResult result;
        try {
            result = channel.send(new DeliveryChannel.Outgoing(d.id(), address, notice, callbackUrl,
                    new DeliveryChannel.About(d.campaignId(), campaign.incidentKey(), campaign.kind(), to.locale())));
        } catch (RuntimeException e) {
            // A channel bug must not lose the claim's outcome: we cannot tell whether it went out.
            result = new DeliveryChannel.SendResult.Unknown("channel error " + e.getClass().getSimpleName());
        }
        return new Attempt(scrub(result, to), notice.template(), segments, segments == null ? 1 : segments);
    }

    RenderedNotice render(Prepared campaign, Channel channel, Recipient to) {
        Map<String, Object> variables = new HashMap<>(campaign.variables());
        variables.put("personName", to.name());
        variables.put("personReference", to.reference());
        return renderer.render(campaign.kind(), channel, to.locale(), to.jurisdiction(), variables);
    }

    private DeliveryStatus record(ClaimedDelivery d, Attempt attempt) {
        Instant now = now();
        DeliveryChannel.SendResult result = attempt.result();
        return jdbi.withExtension(DeliveryDao.class, dao -> {
            if (result instanceof DeliveryChannel.SendResult.Sent s) {
                dao.markSent(d.id(), worker, s.providerId(), attempt.template(), attempt.segments(), now);
                return DeliveryStatus.SENT;
            }
            if (result instanceof DeliveryChannel.SendResult.Permanent p) {
                dao.markFinal(d.id(), worker, DeliveryStatus.FAILED.name(), clip(p.reason()), now);
                return DeliveryStatus.FAILED;
            }
            if (result instanceof DeliveryChannel.SendResult.Transient t) {
                return retryOrFail(dao, d, t.reason(), now);
            }
            // Left in flight with its heartbeat stopped: reconciliation asks the provider before anything is resent.
            String reason = ((DeliveryChannel.SendResult.Unknown) result).reason();
            dao.markUnknown(d.id(), worker, clip(reason), now.minus(Duration.ofDays(1)), now);
            return DeliveryStatus.SENDING;
        });
    }

    private DeliveryStatus retryOrFail(DeliveryDao dao, ClaimedDelivery d, String reason, Instant now) {
        if (d.attempts() >= config.getMaxAttempts()) {
            dao.markFinal(d.id(), worker, DeliveryStatus.FAILED.name(),
                    clip("gave up after " + d.attempts() + " attempts: " + reason), now);
            return DeliveryStatus.FAILED;
        }
        dao.markRetry(d.id(), worker, clip(reason), now.plus(backoff.after(d.attempts())), now);
        return DeliveryStatus.QUEUED;
    }

    /** Settles deliveries whose worker died mid-send, asking the channel whether the provider has them. */
    private int reconcileStale(DeliveryChannel channel) {
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
            Map<Long, Recipient> recipients = people.recipients(stale.stream().map(ClaimedDelivery::personId).toList())
                    .stream().collect(Collectors.toMap(Recipient::id, Function.identity()));
            Map<UUID, Prepared> prepared = new HashMap<>();
            for (ClaimedDelivery d : stale) {
                touched.add(d.campaignId());
                Recipient to = recipients.get(d.personId());
                String address = RecipientAddress.of(channel.channel(), to);
                RenderedNotice notice = null;
                if (to != null) {
                    try {
                        notice = render(prepared.computeIfAbsent(d.campaignId(), this::prepare), channel.channel(), to);
                    } catch (RuntimeException e) {
                        notice = null;
                    }
                }
                var verdict = address == null ? new DeliveryChannel.Reconciliation.NotSent()
                        : channel.reconcile(new DeliveryChannel.InFlight(d.id(), d.claimedAt(), address, notice));
                if (verdict instanceof DeliveryChannel.Reconciliation.AlreadySent s) {
                    dao.reconciled(d.id(), DeliveryStatus.SENT.name(), s.providerId(), null, now);
                } else if (verdict instanceof DeliveryChannel.Reconciliation.CannotTell c) {
                    dao.reconciled(d.id(), DeliveryStatus.UNCERTAIN.name(), null, clip("in flight when its worker "
                            + "stopped; " + c.reason() + "; not resent automatically"), now);
                } else {
                    dao.reconciled(d.id(), DeliveryStatus.QUEUED.name(), null,
                            "reconciled after a stopped worker: not sent, queued again", now);
                }
            }
            return stale.size();
        });
        touched.forEach(campaigns::completeIfDone);
        return settled;
    }

    /** Provider messages sometimes quote the address; errors are stored and shown, so it is cut out. */
    private static DeliveryChannel.SendResult scrub(DeliveryChannel.SendResult result, Recipient to) {
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
