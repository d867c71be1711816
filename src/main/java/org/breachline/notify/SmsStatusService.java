package org.breachline.notify;

import org.breachline.auth.Actor;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records what an SMS provider later reports about a message (delivered, undelivered, failed). Reports may repeat or
 * come out of order, so a delivery only moves forward; failures that may pass (queue overflow, unreachable handset)
 * queue the delivery again while attempts remain. A report can also come before the dispatcher has recorded the
 * message's SID (Twilio may call back before our outcome update commits): it is kept, and applied once a delivery
 * carries that SID ({@link #applyEarlyReports}), so no delivered/undelivered/failed is lost to the race.
 */
public class SmsStatusService {
    /** Twilio delivery errors worth another attempt later: 30001 queue overflow, 30003 unreachable, 30008 unknown. */
    private static final Set<String> RETRYABLE = Set.of("30001", "30003", "30008");
    /** The account was suspended after Twilio queued the message: the channel stops, the message waits for it. */
    private static final String ACCOUNT_SUSPENDED = "30002";
    /** The reports that change a delivery; the others (queued, sending, sent) tell nothing we do not know. */
    private static final Set<String> FINAL = Set.of("delivered", "undelivered", "failed");
    private static final int EARLY_BATCH = 500;

    private final Jdbi jdbi;
    private final CampaignService campaigns;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration retryAfter;
    private final ChannelBlocks blocks;
    private final Duration keepUnmatched;

    public SmsStatusService(Jdbi jdbi, CampaignService campaigns, Clock clock, NotifyConfiguration config,
                            ChannelBlocks blocks) {
        this.jdbi = jdbi;
        this.campaigns = campaigns;
        this.clock = clock;
        this.maxAttempts = config.getDispatcher().getMaxAttempts();
        this.retryAfter = Duration.ofMillis(config.getDispatcher().getBackoffBase().toMilliseconds());
        this.blocks = blocks;
        this.keepUnmatched = Duration.ofMillis(config.getSms().getUnmatchedStatusRetention().toMilliseconds());
    }

    /**
     * Applies a status report, or keeps it when no delivery carries the SID yet; returns whether a delivery changed.
     */
    public boolean record(String messageSid, String status, String errorCode) {
        if (!FINAL.contains(status)) {
            return false;
        }
        Instant now = now();
        if (ACCOUNT_SUSPENDED.equals(errorCode)) {
            blocks.block(Channel.SMS, "Twilio error 30002: the account was suspended (billing or policy); "
                    + "see the Twilio Console", "twilio-status-callback");
        }
        int changed = jdbi.inTransaction(h -> {
            if (h.attach(DeliveryDao.class).campaignOf(messageSid).isEmpty()) {
                // Before our outcome update recorded the SID (or not ours at all): kept, applied when it appears.
                h.attach(EarlyStatusDao.class).keep(messageSid, status, blankToNull(errorCode), now);
                return 0;
            }
            return apply(h, messageSid, status, errorCode, now);
        });
        if (changed > 0) {
            completeCampaignsOf(Set.of(messageSid));
        }
        return changed > 0;
    }

    /**
     * Applies the kept reports whose SID a delivery now carries, and drops those older than
     * {@code notify.sms.unmatchedStatusRetention}; returns how many were applied. Several instances may run this at
     * once: each report is taken by one of them.
     */
    public int applyEarlyReports() {
        Instant now = now();
        int applied = 0;
        Set<String> sids = new LinkedHashSet<>();
        List<EarlyStatusDao.Row> matched;
        do {
            matched = jdbi.withExtension(EarlyStatusDao.class, dao -> dao.matched(EARLY_BATCH));
            for (EarlyStatusDao.Row report : matched) {
                boolean taken = jdbi.inTransaction(h -> {
                    if (h.attach(EarlyStatusDao.class).take(report.id()) == 0) {
                        return false;
                    }
                    apply(h, report.messageSid(), report.status(), report.errorCode(), now);
                    return true;
                });
                if (taken) {
                    applied++;
                    sids.add(report.messageSid());
                }
            }
        } while (matched.size() == EARLY_BATCH);
        jdbi.useExtension(EarlyStatusDao.class, dao -> dao.expire(now.minus(keepUnmatched)));
        completeCampaignsOf(sids);
        return applied;
    }

    private int apply(Handle h, String messageSid, String status, String errorCode, Instant now) {
        DeliveryDao dao = h.attach(DeliveryDao.class);
        String error = blankToNull(errorCode) == null ? null : "Twilio error " + errorCode;
        boolean suspended = ACCOUNT_SUSPENDED.equals(errorCode);
        return switch (status) {
            case "delivered" -> dao.providerStatus(messageSid, "DELIVERED", null,
                    List.of("SENDING", "SENT", "UNCERTAIN"), now);
            case "undelivered", "failed" -> suspended || RETRYABLE.contains(errorCode)
                    ? requeued(h, messageSid, h.createUpdate("UPDATE delivery SET status = 'QUEUED', next_attempt_at = :next, "
                            + "last_error = :error, updated_at = :now WHERE provider_id = :sid AND channel = 'SMS' "
                            + "AND status IN ('SENDING', 'SENT') AND attempts < :max")
                    .bind("next", now.plus(retryAfter)).bind("error", error).bind("now", now)
                    .bind("sid", messageSid).bind("max", suspended ? Integer.MAX_VALUE : maxAttempts).execute())
                    + dao.providerStatus(messageSid, "FAILED", error, List.of("SENDING", "SENT"), now)
                    : dao.providerStatus(messageSid, "FAILED", error, List.of("SENDING", "SENT", "UNCERTAIN"), now);
            default -> 0;
        };
    }

    /**
     * A message queued again after its campaign completed would wait where no dispatcher looks: the campaign goes back
     * to SENDING (and says so on the timeline) until it is out.
     */
    private int requeued(Handle h, String messageSid, int queued) {
        if (queued > 0) {
            for (UUID campaign : h.attach(DeliveryDao.class).campaignOf(messageSid)) {
                campaigns.reopenForRetry(h, campaign, Actor.system("twilio-status-callback"),
                        "an SMS Twilio reported undelivered is queued again");
            }
        }
        return queued;
    }

    private void completeCampaignsOf(Set<String> sids) {
        Set<UUID> touched = new LinkedHashSet<>();
        for (String sid : sids) {
            touched.addAll(jdbi.withExtension(DeliveryDao.class, dao -> dao.campaignOf(sid)));
        }
        touched.forEach(campaigns::completeIfDone);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
