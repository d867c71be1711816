package org.breachline.notify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Estimates how long a campaign's channels take at the configured sender rates and whether that fits a deadline.
 * SMS is paced per segment, so the segments of each audience group's rendered text count, not the messages.
 */
public final class CapacityPlanner {
    /** A name as long as most real ones: SMS segments are estimated with it. */
    private static final String TYPICAL_NAME = "Alexandra Montgomery-Smith";
    private static final String TYPICAL_REFERENCE = "P-000000000";

    private final NoticeRenderer renderer;
    private final double emailPerSecond;
    private final double smsSegmentsPerSecond;
    private final long smsMaxQueueSeconds;
    private final double webhookPerSecond;

    public CapacityPlanner(NoticeRenderer renderer, NotifyConfiguration config) {
        this.renderer = renderer;
        this.emailPerSecond = config.getEmail().getRatePerSecond();
        this.smsSegmentsPerSecond = config.getSms().getSegmentsPerSecond();
        this.smsMaxQueueSeconds = config.getSms().getMaxQueue().toSeconds();
        this.webhookPerSecond = config.getWebhook().getRatePerSecond();
    }

    /** The configured pace of a channel: e-mails, SMS segments or webhook requests per second. */
    double ratePerSecond(Channel channel) {
        return switch (channel) {
            case EMAIL -> emailPerSecond;
            case SMS -> smsSegmentsPerSecond;
            case WEBHOOK -> webhookPerSecond;
        };
    }

    CapacityEstimate estimate(Campaign campaign, Map<String, Object> variables, List<AudienceGroup> email,
                              List<AudienceGroup> sms, long webhookRecipients, Instant start, DeadlineSource.Due due) {
        List<CapacityEstimate.ChannelEstimate> channels = new ArrayList<>();
        Set<Channel> wanted = campaign.channels();
        if (wanted.contains(Channel.EMAIL)) {
            long recipients = email.stream().mapToLong(AudienceGroup::people).sum();
            long seconds = (long) Math.ceil(recipients / emailPerSecond);
            channels.add(channel(Channel.EMAIL, recipients, recipients, emailPerSecond, seconds, start, due,
                    "raise notify.email.ratePerSecond (a larger SMTP pool or relay), or split the audience"));
        }
        if (wanted.contains(Channel.SMS)) {
            long recipients = 0;
            long segments = 0;
            Map<List<String>, Integer> perGroup = new HashMap<>();
            for (AudienceGroup g : sms) {
                int each = perGroup.computeIfAbsent(java.util.Arrays.asList(g.locale(), g.jurisdiction()),
                        k -> segments(campaign.noticeKind(), variables, g));
                recipients += g.people();
                segments += each * g.people();
            }
            long seconds = (long) Math.ceil(segments / smsSegmentsPerSecond);
            String advice = "send from a short code (~100 segments/s) or a messaging service with more senders, "
                    + "raise notify.sms.segmentsPerSecond to what the sender really has, shorten the SMS template, "
                    + "or choose EMAIL_ELSE_SMS so that only people without e-mail get an SMS";
            if (seconds > smsMaxQueueSeconds) {
                advice = "longer than the provider queues a message (" + smsMaxQueueSeconds / 3600 + " h): " + advice;
            }
            channels.add(channel(Channel.SMS, recipients, segments, smsSegmentsPerSecond, seconds, start, due, advice));
        }
        if (wanted.contains(Channel.WEBHOOK)) {
            long seconds = (long) Math.ceil(webhookRecipients / webhookPerSecond);
            channels.add(channel(Channel.WEBHOOK, webhookRecipients, webhookRecipients, webhookPerSecond, seconds, start,
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

    private static CapacityEstimate.ChannelEstimate channel(Channel channel, long recipients, long units, double rate,
                                                            long seconds, Instant start, DeadlineSource.Due due,
                                                            String advice) {
        Instant finishes = start.plusSeconds(seconds);
        boolean fits = due == null || !finishes.isAfter(due.at());
        return new CapacityEstimate.ChannelEstimate(channel, recipients, channel == Channel.SMS ? units : 0, rate,
                seconds, finishes, fits, fits ? null : "Takes " + seconds + " s at " + rate + "/s and ends after the "
                        + "deadline " + due.at() + ": " + advice + ".");
    }
}
