package org.breachline.incident;

/** What a timeline entry records. */
public enum TimelineKind {
    CREATED, FACTS_CHANGED, STAGE_CHANGED, REOPENED, NOTE, OBLIGATIONS_CHANGED, FILING_RECORDED, REMINDER_SENT, ALERT,
    ALERT_RESOLVED
}
