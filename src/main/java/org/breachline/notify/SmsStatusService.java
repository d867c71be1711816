package org.breachline.notify;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Records what an SMS provider later reports about a message (delivered, undelivered, failed). Reports may repeat or
 * come out of order, so a delivery only moves forward; failures that may pass (queue overflow, unreachable handset)
 * queue the delivery again while attempts remain.
 */
public class SmsStatusService {
    /** Twilio delivery errors worth another attempt later: 30001 queue overflow, 30003 unreachable, 30008 unknown. */
    private static final Set<String> RETRYABLE = Set.of("30001", "30003", "30008");
    /** The account was suspended after Twilio queued the message: the channel stops, the message waits for it. */
    private static final String ACCOUNT_SUSPENDED = "30002";

    private final Jdbi jdbi;
    private final CampaignService campaigns;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration retryAfter;
    private final ChannelBlocks blocks;

    public SmsStatusService(Jdbi jdbi, CampaignService campaigns, Clock clock, NotifyConfiguration config,
                            ChannelBlocks blocks) {
        this.jdbi = jdbi;
        this.campaigns = campaigns;
        this.clock = clock;
        this.maxAttempts = config.getDispatcher().getMaxAttempts();
        this.retryAfter = Duration.ofMillis(config.getDispatcher().getBackoffBase().toMilliseconds());
        this.blocks = blocks;
    }

    /** Applies a status report; returns whether a delivery changed. */
    public boolean record(String messageSid, String status, String errorCode) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String error = errorCode == null || errorCode.isBlank() ? null : "Twilio error " + errorCode;
        boolean suspended = ACCOUNT_SUSPENDED.equals(errorCode) && !"delivered".equals(status);
        if (suspended) {
            blocks.block(Channel.SMS, "Twilio error 30002: the account was suspended (billing or policy); "
                    + "see the Twilio Console", "twilio-status-callback");
        }
        int changed = jdbi.inTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            return switch (status) {
                case "delivered" -> dao.providerStatus(messageSid, "DELIVERED", null,
                        List.of("SENDING", "SENT", "UNCERTAIN"), now);
                case "undelivered", "failed" -> suspended || RETRYABLE.contains(errorCode)
                        ? h.createUpdate("UPDATE delivery SET status = 'QUEUED', next_attempt_at = :next, "
                                + "last_error = :error, updated_at = :now WHERE provider_id = :sid AND channel = 'SMS' "
                                + "AND status IN ('SENDING', 'SENT') AND attempts < :max")
                        .bind("next", now.plus(retryAfter)).bind("error", error).bind("now", now)
                        .bind("sid", messageSid).bind("max", suspended ? Integer.MAX_VALUE : maxAttempts).execute()
                        + dao.providerStatus(messageSid, "FAILED", error, List.of("SENDING", "SENT"), now)
                        : dao.providerStatus(messageSid, "FAILED", error, List.of("SENDING", "SENT", "UNCERTAIN"), now);
                default -> 0; // queued, sending, sent: nothing we do not know already
            };
        });
        if (changed > 0) {
            for (UUID campaign : jdbi.withExtension(DeliveryDao.class, dao -> dao.campaignOf(messageSid))) {
                campaigns.completeIfDone(campaign);
            }
        }
        return changed > 0;
    }
}
