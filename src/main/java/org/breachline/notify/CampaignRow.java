package org.breachline.notify;

import java.time.Instant;
import java.util.UUID;

/** A campaign flattened into its table's columns, lists and maps as JSON text (public for JDBI only). */
public record CampaignRow(UUID id, UUID incidentId, String noticeKind, String jurisdictions, String channels,
                          String channelChoice, String variables, Instant deadline, String status, String createdBy,
                          Instant createdAt, String approvedBy, Instant approvedAt, Instant launchedAt,
                          Instant finishedAt, Instant updatedAt, String editedBy) {
}
