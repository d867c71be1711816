package org.breachline.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A notice campaign as stored. */
public record Campaign(UUID id, UUID incidentId, NoticeKind noticeKind, List<String> jurisdictions,
                       Set<Channel> channels, ChannelChoice channelChoice, Map<String, Object> variables,
                       Instant deadline, CampaignStatus status, String createdBy, Instant createdAt,
                       String approvedBy, Instant approvedAt, Instant launchedAt, Instant finishedAt,
                       Instant updatedAt) {

    Campaign withStatus(CampaignStatus next, Instant at) {
        Instant finished = next == CampaignStatus.COMPLETED || next == CampaignStatus.CANCELLED ? at : finishedAt;
        Instant launched = next == CampaignStatus.SENDING && launchedAt == null ? at : launchedAt;
        return new Campaign(id, incidentId, noticeKind, jurisdictions, channels, channelChoice, variables, deadline,
                next, createdBy, createdAt, approvedBy, approvedAt, launched, finished, at);
    }

    Campaign approvedBy(String approver, Instant at) {
        return new Campaign(id, incidentId, noticeKind, jurisdictions, channels, channelChoice, variables, deadline,
                CampaignStatus.APPROVED, createdBy, createdAt, approver, at, launchedAt, finishedAt, at);
    }
}
