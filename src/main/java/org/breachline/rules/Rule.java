package org.breachline.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * One breach-notification duty of one law: who must be told, when it applies and how its deadline is counted.
 *
 * @param jurisdiction    ISO 3166-1 / 3166-2 code, {@code EU} or {@code US} for federal law
 * @param phase           the phase's name where a law reports in phases (NIS2, DORA); null otherwise
 * @param threshold       gate on the number of affected people; null when none
 * @param effectiveFrom   first date the rule applies (by the incident's date); null when always
 * @param effectiveTo     last date the rule applies; null when still in force
 * @param tolling         what a law-enforcement delay does to the clock; null when it does not pause it
 * @param requiresEvent   an event without which the rule is not required (Maine's post-clearance notice); or null
 * @param controllerDuty  a controller's duty that a processor's incident shows from {@code controllerInformedAt}
 */
public record Rule(String id, String jurisdiction, String law, String citation, String appliesTo,
                   Recipient recipient, String recipientDetail, String phase, Trigger trigger,
                   AffectedThreshold threshold, String safeHarbour, RuleStatus status, String statusNote,
                   LocalDate effectiveFrom, LocalDate effectiveTo, Clock clock, List<ClockVariant> clockVariants,
                   boolean smallEntityDoubles, Tolling tolling, IncidentEvent requiresEvent, boolean controllerDuty,
                   String deadlineText, String permittedDelay, String confirmation, String lastVerified,
                   String notes, List<Source> sources) {

    public Rule {
        clockVariants = clockVariants == null ? List.of() : List.copyOf(clockVariants);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /** The citation with its law, as shown on an obligation. */
    public String fullCitation() {
        return law == null ? citation : law + ", " + citation;
    }
}
