package org.breachline.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A campaign as the API shows it, with progress per channel once launched, the capacity estimate, and who edited
 * the draft besides its author.
 */
public record CampaignView(UUID id, String incidentKey, NoticeKind noticeKind, List<String> jurisdictions,
                           Set<Channel> channels, ChannelChoice channelChoice, Map<String, Object> variables,
                           Instant deadline, CampaignStatus status, String createdBy, Instant createdAt,
                           String approvedBy, Instant approvedAt, Instant launchedAt, Instant finishedAt,
                           List<ChannelProgress> progress, CapacityEstimate capacity, List<String> editedBy,
                           Instant updatedAt) {
}
