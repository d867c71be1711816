package org.breachline.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates how long a campaign's channels take and whether that fits a deadline. A channel's rate is the one the
 * dispatcher measured lately ({@link MeasuredRates}: what the SMTP pool really achieves), capped by the configured
 * limit the dispatcher enforces; the configured rate alone when nothing was measured yet. SMS is paced per segment,
 * so the segments of each audience group's rendered text count, not the messages.
 */
public final class CapacityPlanner {
    /** A name as long as most real ones: SMS segments are estimated with it. */
    private static final String TYPICAL_NAME = "Alexandra Montgomery-Smith";
    private static final String TYPICAL_REFERENCE = "P-000000000";

    private final NoticeRenderer renderer;
    private final MeasuredRates measured;
    private final double emailLimit;
    private final double smsLimit;
    private final long smsMaxQueueSeconds;
    private final double webhookPerSecond;

    public CapacityPlanner(NoticeRenderer renderer, NotifyConfiguration config, MeasuredRates measured) {
        this.renderer = renderer;
        this.measured = measured;
        this.emailLimit = config.getEmail().getRatePerSecond();
        this.smsLimit = config.getSms().getSegmentsPerSecond();
        this.smsMaxQueueSeconds = config.getSms().getMaxQueue().toSeconds();
        this.webhookPerSecond = config.getWebhook().getRatePerSecond();
    }

    /** A channel's rate to plan with, and when it was measured (null: the configured rate, nothing measured). */
    record Rate(double perSecond, Instant measuredAt) {
    }

    Rate rate(Channel channel) {
        double limit = switch (channel) {
            case EMAIL -> emailLimit;
            case SMS -> smsLimit;
            case WEBHOOK -> webhookPerSecond;
        };
        return measured.latest(channel).filter(m -> m.unitsPerSecond() > 0)
                .map(m -> new Rate(Math.min(limit, m.unitsPerSecond()), m.measuredAt()))
                .orElse(new Rate(limit, null));
    }

    /** The pace of a channel to plan with: e-mails, SMS segments or webhook requests per second. */
    double ratePerSecond(Channel channel) {
        return rate(channel).perSecond();
    }

    CapacityEstimate estimate(Campaign campaign, Map<String, Object> variables, List<AudienceGroup> email,
                              List<AudienceGroup> sms, long webhookRecipients, Instant start, DeadlineSource.Due due) {
        List<CapacityEstimate.ChannelEstimate> channels = new ArrayList<>();
        Set<Channel> wanted = campaign.channels();
        if (wanted.contains(Channel.EMAIL)) {
            Rate rate = rate(Channel.EMAIL);
            long recipients = email.stream().mapToLong(AudienceGroup::people).sum();
            long seconds = (long) Math.ceil(recipients / rate.perSecond());
            String advice = rate.measuredAt() == null || rate.perSecond() >= emailLimit
                    ? "raise notify.email.ratePerSecond, add SMTP connections (notify.email.connections) or a faster "
                    + "relay, or split the audience"
                    : "the SMTP pool measured " + String.format(java.util.Locale.ROOT, "%.1f", rate.perSecond())
                    + " messages/s, below the configured " + emailLimit + "/s: add SMTP connections "
                    + "(notify.email.connections), service instances or a faster relay, or split the audience";
            channels.add(channel(Channel.EMAIL, recipients, recipients, rate, seconds, start, due, advice));
        }
        if (wanted.contains(Channel.SMS)) {
            Rate rate = rate(Channel.SMS);
            long recipients = 0;
            long segments = 0;
            Map<List<String>, Integer> perGroup = new HashMap<>();
            for (AudienceGroup g : sms) {
                int each = perGroup.computeIfAbsent(java.util.Arrays.asList(g.locale(), g.jurisdiction()),
                        k -> segments(campaign.noticeKind(), variables, g));
                recipients += g.people();
                segments += each * g.people();
            }
            long seconds = (long) Math.ceil(segments / rate.perSecond());
            String advice = "send from a short code (~100 segments/s) or a messaging service with more senders, "
                    + "raise notify.sms.segmentsPerSecond to what the sender really has, shorten the SMS template, "
                    + "or choose EMAIL_ELSE_SMS so that only people without e-mail get an SMS";
            if (seconds > smsMaxQueueSeconds) {
                advice = "longer than the provider queues a message (" + smsMaxQueueSeconds / 3600 + " h): " + advice;
            }
            channels.add(channel(Channel.SMS, recipients, segments, rate, seconds, start, due, advice));
        }
        if (wanted.contains(Channel.WEBHOOK)) {
            Rate rate = rate(Channel.WEBHOOK);
            long seconds = (long) Math.ceil(webhookRecipients / rate.perSecond());
            channels.add(channel(Channel.WEBHOOK, webhookRecipients, webhookRecipients, rate, seconds, start,
                    due, "raise notify.webhook.ratePerSecond to what the product can take"));
        }
        boolean fits = channels.stream().allMatch(CapacityEstimate.ChannelEstimate::fits);
        return new CapacityEstimate(due == null ? null : due.at(), due == null ? null : due.source(), fits, channels);
    }

    private int segments(NoticeKind kind, Map<String, Object> variables, AudienceGroup group) {
        Map<String, Object> scope = new HashMap<>(variables);
        scope.put("personName", TYPICAL_NAME);
        scope.put("personReference", TYPICAL_REFERENCE);
        try {
            RenderedNotice notice = renderer.render(kind, Channel.SMS, group.locale(), group.jurisdiction(), scope);
            return ((RenderedNotice.Sms) notice).segments().segments();
        } catch (SmsTooLongException | NoTemplateException e) {
            return 0; // such people fail at once when sent; they take no sender time
        }
    }

    private static CapacityEstimate.ChannelEstimate channel(Channel channel, long recipients, long units, Rate rate,
                                                            long seconds, Instant start, DeadlineSource.Due due,
                                                            String advice) {
        Instant finishes = start.plusSeconds(seconds);
        boolean fits = due == null || !finishes.isAfter(due.at());
        String basis = rate.measuredAt() == null ? "configured" : "measured";
        return new CapacityEstimate.ChannelEstimate(channel, recipients, channel == Channel.SMS ? units : 0,
                rate.perSecond(), rate.measuredAt(), seconds, finishes, fits, fits ? null : "Takes " + seconds
                + " s at " + rate.perSecond() + "/s (" + basis + ") and ends after the deadline " + due.at() + ": "
                + advice + ".");
    }
}
