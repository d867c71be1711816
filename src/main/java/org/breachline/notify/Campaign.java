package org.breachline.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A notice campaign as stored; {@code editedBy} lists who changed the draft besides its author. */
public record Campaign(UUID id, UUID incidentId, NoticeKind noticeKind, List<String> jurisdictions,
                       Set<Channel> channels, ChannelChoice channelChoice, Map<String, Object> variables,
                       Instant deadline, CampaignStatus status, String createdBy, Instant createdAt,
                       String approvedBy, Instant approvedAt, Instant launchedAt, Instant finishedAt,
                       Instant updatedAt, List<String> editedBy) {

    public Campaign {
        editedBy = editedBy == null ? List.of() : List.copyOf(editedBy);
    }

    Campaign withStatus(CampaignStatus next, Instant at) {
        Instant finished = next == CampaignStatus.COMPLETED || next == CampaignStatus.CANCELLED ? at : finishedAt;
        Instant launched = next == CampaignStatus.SENDING && launchedAt == null ? at : launchedAt;
        return new Campaign(id, incidentId, noticeKind, jurisdictions, channels, channelChoice, variables, deadline,
                next, createdBy, createdAt, approvedBy, approvedAt, launched, finished, at, editedBy);
    }

    Campaign approvedBy(String approver, Instant at) {
        return new Campaign(id, incidentId, noticeKind, jurisdictions, channels, channelChoice, variables, deadline,
                CampaignStatus.APPROVED, createdBy, createdAt, approver, at, launchedAt, finishedAt, at, editedBy);
    }

    /** The draft with the content of {@code edit}, as changed by {@code editor} (listed unless they are the author). */
    Campaign edited(CampaignCreate edit, String editor, Instant at) {
        List<String> editors = new java.util.ArrayList<>(editedBy);
        if (!editor.equals(createdBy) && !editors.contains(editor)) {
            editors.add(editor);
        }
        return new Campaign(id, incidentId, edit.noticeKind(), edit.jurisdictions(),
                java.util.EnumSet.copyOf(edit.channels()), edit.channelChoice(), edit.variables(), edit.deadline(),
                status, createdBy, createdAt, approvedBy, approvedAt, launchedAt, finishedAt, at, editors);
    }

    /** The draft's content in the shape a client sends it, for merging a patch into. */
    CampaignCreate content() {
        return new CampaignCreate(noticeKind, jurisdictions, channels, channelChoice, variables, deadline);
    }

    /** Whether {@code name} wrote any of the notice: its author or one of its editors. */
    boolean writtenBy(String name) {
        return createdBy.equals(name) || editedBy.contains(name);
    }
}
