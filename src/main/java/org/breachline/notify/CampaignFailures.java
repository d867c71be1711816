package org.breachline.notify;

import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.breachline.incident.IncidentService;
import org.breachline.incident.TimelineKind;
import org.breachline.people.PeopleService;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lists a campaign's failed deliveries with their reasons, and queues them again when a human asks. */
public class CampaignFailures {
    private final Jdbi jdbi;
    private final CampaignService campaigns;
    private final PeopleService people;
    private final IncidentService incidents;
    private final AuditLog audit;
    private final Clock clock;

    public CampaignFailures(Jdbi jdbi, CampaignService campaigns, PeopleService people, IncidentService incidents,
                            AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.campaigns = campaigns;
        this.people = people;
        this.incidents = incidents;
        this.audit = audit;
        this.clock = clock;
    }

    /** One page of the campaign's FAILED and UNCERTAIN deliveries, oldest first. */
    public Page<FailedDeliveryView> list(String campaignId, Channel channel, PageRequest page) {
        String channelName = channel == null ? null : channel.name();
        var found = jdbi.inTransaction(h -> {
            Campaign c = campaigns.find(h, campaignId, false);
            CampaignDao dao = h.attach(CampaignDao.class);
            return new Object[] {dao.failures(c.id(), channelName, page.limit(), page.offset()),
                    dao.countFailures(c.id(), channelName)};
        });
        @SuppressWarnings("unchecked")
        List<FailedDeliveryRow> rows = (List<FailedDeliveryRow>) found[0];
        // Only the reference is opened, and one that does not open leaves its row without one: a listing of
        // failures must not fail on the data that made a delivery fail.
        Map<Long, String> references = new HashMap<>();
        people.sealedRecipients(rows.stream().map(FailedDeliveryRow::personId).distinct().toList())
                .forEach(p -> references.put(p.id(), p.reference().orElse(null)));
        List<FailedDeliveryView> items = rows.stream().map(r -> new FailedDeliveryView(r.id(),
                references.get(r.personId()), Channel.valueOf(r.channel()), DeliveryStatus.valueOf(r.status()),
                r.attempts(), r.lastError(), r.updatedAt())).toList();
        return new Page<>(items, (Long) found[1], page.limit(), page.offset());
    }

    /**
     * Queues the chosen failed deliveries again with fresh attempts. A completed campaign goes back to SENDING so the
     * dispatcher picks them up (and completes it again afterwards); a paused one stays paused.
     */
    public CampaignView retry(String campaignId, DeliveryRetry request, Actor actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbi.useTransaction(h -> {
            Campaign c = campaigns.find(h, campaignId, true);
            if (c.status() != CampaignStatus.SENDING && c.status() != CampaignStatus.PAUSED
                    && c.status() != CampaignStatus.COMPLETED) {
                throw ApiException.conflict("campaign.not_retryable", "A campaign in " + c.status()
                        + " has no deliveries to retry; only SENDING, PAUSED and COMPLETED campaigns do.",
                        List.of(new ApiError.Detail("status", "is " + c.status())));
            }
            if (request.channel() != null && !c.channels().contains(request.channel())) {
                throw ApiException.invalidField("channel", "the campaign sends no " + request.channel()
                        + "; its channels are " + c.channels());
            }
            CampaignDao dao = h.attach(CampaignDao.class);
            List<String> statuses = request.includeUncertain() ? List.of("FAILED", "UNCERTAIN") : List.of("FAILED");
            String channelName = request.channel() == null ? null : request.channel().name();
            int queued = dao.requeue(c.id(), channelName, statuses, now);
            if (queued == 0) {
                throw ApiException.conflict("campaign.nothing_to_retry", "Campaign " + c.id() + " has no "
                        + String.join(" or ", statuses) + " deliveries" + (channelName == null ? "" : " on "
                        + channelName) + " to retry.", List.of());
            }
            boolean reopened = campaigns.reopenForRetry(h, c.id(), actor, queued + " failed deliveries retried");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("campaign", c.id().toString());
            data.put("deliveries", queued);
            data.put("statuses", statuses);
            if (channelName != null) {
                data.put("channel", channelName);
            }
            if (reopened) {
                data.put("from", "COMPLETED");
                data.put("to", "SENDING");
            }
            incidents.appendTimeline(h, c.incidentId(), actor, TimelineKind.CAMPAIGN_STATUS_CHANGED,
                    "Campaign " + c.id() + ": " + queued + " failed deliveries queued again"
                            + (reopened ? " (COMPLETED → SENDING)" : ""), data);
            audit.record(h, new AuditEvent(actor.name(), "campaign.retry", "campaign", c.id().toString(), data));
        });
        return campaigns.get(campaignId);
    }
}
