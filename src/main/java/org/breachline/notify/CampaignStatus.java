package org.breachline.notify;

import java.util.EnumSet;
import java.util.Set;

/** Where a campaign is: draft, approved, sending (or paused), and finally completed or cancelled. */
public enum CampaignStatus {
    DRAFT, APPROVED, SENDING, PAUSED, COMPLETED, CANCELLED;

    /** The statuses a campaign may move to from this one through the API (completion is the dispatcher's). */
    public Set<CampaignStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(APPROVED, CANCELLED);
            case APPROVED -> EnumSet.of(SENDING, CANCELLED);
            case SENDING -> EnumSet.of(PAUSED, CANCELLED, COMPLETED);
            case PAUSED -> EnumSet.of(SENDING, CANCELLED);
            case COMPLETED, CANCELLED -> EnumSet.noneOf(CampaignStatus.class);
        };
    }
}
