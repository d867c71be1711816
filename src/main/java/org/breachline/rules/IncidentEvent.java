package org.breachline.rules;

import java.util.Arrays;
import java.util.Optional;

/** Later events of an incident that start or pause clocks; each is a key of the facts' {@code events} map. */
public enum IncidentEvent {
    MATERIALITY_DETERMINED("materialityDeterminedAt"),
    CLASSIFIED_MAJOR("classifiedMajorAt"),
    CLASSIFIED_SIGNIFICANT("classifiedSignificantAt"),
    ASSESSMENT_COMPLETED("assessmentCompletedAt"),
    RANSOM_PAID("ransomPaidAt"),
    LAW_ENFORCEMENT_DELAY_REQUESTED("lawEnforcementDelayRequestedAt"),
    LAW_ENFORCEMENT_CLEARED("lawEnforcementClearedAt"),
    EXTENSION_REQUESTED("extensionRequestedAt"),
    INCIDENT_HANDLED("incidentHandledAt"),
    INDIVIDUALS_NOTIFIED("individualsNotifiedAt"),
    SUSPECTED("suspectedAt"),
    CONTROLLER_INFORMED("controllerInformedAt");

    private final String jsonName;

    IncidentEvent(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The key of this event in the facts JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The event whose JSON key is {@code name}, if any. */
    public static Optional<IncidentEvent> fromJsonName(String name) {
        return Arrays.stream(values()).filter(e -> e.jsonName.equals(name)).findFirst();
    }
}
