package org.breachline.rules;

/**
 * A different clock that replaces a rule's own when its conditions hold: Japan's 60 days for a possibly unlawful
 * purpose ({@code when}), Florida's 45 days once an extension is requested by the 30th day ({@code event} with
 * timing BY_DEADLINE), NIS2's final report one month after handling when the incident outlasts the first month
 * ({@code event} with timing AFTER_DEADLINE).
 *
 * @param when   trigger conditions on the facts; null when none
 * @param event  an event that must have happened; null when none
 * @param timing when the event must have happened relative to the rule's own deadline; BY_DEADLINE when null
 */
public record ClockVariant(Trigger when, IncidentEvent event, EventTiming timing, Clock clock, String note) {

    public ClockVariant {
        timing = timing == null ? EventTiming.BY_DEADLINE : timing;
    }

    /** When a variant's event must have happened, relative to the deadline of the rule's own clock. */
    public enum EventTiming { BY_DEADLINE, AFTER_DEADLINE }
}
