package org.breachline.rules;

/** The moment a clock counts from, as the facts express it. */
public enum StartEvent {
    AWARENESS("awareness", true),
    DISCOVERY("discovery", true),
    DETERMINATION("determination of the breach", true),
    OCCURRENCE("occurrence", true),
    CLASSIFIED_SIGNIFICANT("classification as a significant incident", true),
    CLASSIFIED_MAJOR("classification as a major incident", true),
    MATERIALITY_DETERMINED("the materiality determination", true),
    ASSESSMENT_COMPLETED("completion of the assessment", true),
    RANSOM_PAID("payment of the ransom", true),
    SUSPECTED("first suspicion", true),
    CONTROLLER_INFORMED("the processor informing the controller", true),
    LAW_ENFORCEMENT_CLEARED("law-enforcement clearance", false),
    INCIDENT_HANDLED("the incident being handled", false),
    INDIVIDUALS_NOTIFIED("the notice to individuals", false),
    END_OF_DISCOVERY_YEAR("the end of the calendar year of discovery", false),
    AUTHORITY_REQUEST("the authority's request", false);

    private final String words;
    private final boolean incidentMoment;

    StartEvent(String words, boolean incidentMoment) {
        this.words = words;
        this.incidentMoment = incidentMoment;
    }

    /** The event in words, for an obligation's basis. */
    public String words() {
        return words;
    }

    /**
     * Whether the event dates the incident itself. Rules in force from a date apply by the date of the incident, so
     * for clocks that start at a later step (the notice to individuals, a clearance) the discovery dates it instead.
     */
    boolean datesTheIncident() {
        return incidentMoment;
    }
}
