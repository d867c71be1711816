package org.breachline.incident;

/** Later events of an incident that start or pause a regulator's clock. */
public enum IncidentEvent {
    materialityDeterminedAt, classifiedMajorAt, classifiedSignificantAt, assessmentCompletedAt, ransomPaidAt,
    lawEnforcementDelayRequestedAt, lawEnforcementClearedAt, extensionRequestedAt, incidentHandledAt,
    individualsNotifiedAt, suspectedAt, controllerInformedAt
}
