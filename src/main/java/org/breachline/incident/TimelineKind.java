package org.breachline.incident;

/** What a timeline entry records. */
public enum TimelineKind { CREATED, FACTS_CHANGED, STAGE_CHANGED, REOPENED, NOTE, ALERT, ALERT_RESOLVED }
