package org.breachline.incident;

/** What a timeline entry records. New kinds go at the end. */
public enum TimelineKind {
    CREATED, FACTS_CHANGED, STAGE_CHANGED, REOPENED, NOTE, OBLIGATIONS_CHANGED, FILING_RECORDED, REMINDER_SENT, ALERT,
    ALERT_RESOLVED,
    /** Affected people were imported (counts only, never contact data). */
    PEOPLE_IMPORTED,
    /** The contact data of the incident's people was erased after its retention ran out. */
    CONTACT_DATA_PURGED,
    /** A notice campaign was drafted. */
    CAMPAIGN_CREATED,
    /** A notice campaign was approved, by someone other than its author. */
    CAMPAIGN_APPROVED,
    /** A notice campaign was launched, paused, resumed, cancelled or completed. */
    CAMPAIGN_STATUS_CHANGED,
    /** A draft notice campaign's content was changed (notice kind, audience, channels, variables, deadline). */
    CAMPAIGN_EDITED
}
