package org.breachline.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Finds the instant a rule's clock starts at in one incident's facts. */
final class ClockStarts {

    // Events that a processor's incident replaces, for a controller's duty, by the moment the controller was told.
    private static final Set<StartEvent> CONTROLLER_SIDE = EnumSet.of(StartEvent.AWARENESS, StartEvent.DISCOVERY,
            StartEvent.DETERMINATION, StartEvent.SUSPECTED, StartEvent.END_OF_DISCOVERY_YEAR);

    private final Facts facts;
    private final ZoneId zone;
    private final Rulebook rulebook;

    ClockStarts(Facts facts, ZoneId zone, Rulebook rulebook) {
        this.facts = facts;
        this.zone = zone;
        this.rulebook = rulebook;
    }

    /** When the clock starts for this rule, if the starting event has happened. */
    Optional<Instant> of(Rule rule, ClockStart start) {
        if (start instanceof ClockStart.FulfilmentOf fulfilment) {
            return fulfilment.ruleIds().stream().map(facts::fulfilment).flatMap(Optional::stream)
                    .min(Comparator.naturalOrder());
        }
        StartEvent event = ((ClockStart.At) start).event();
        if (countsFromControllerBeingTold(rule, event)) {
            Optional<Instant> told = facts.event(IncidentEvent.CONTROLLER_INFORMED);
            return event == StartEvent.END_OF_DISCOVERY_YEAR ? told.map(this::endOfYear) : told;
        }
        return of(rule, event);
    }

    /**
     * Whether the facts are a processor's and the rule is its controller's duty: then the controller's clock starts
     * when the processor told it, unless the processor acts as the controller's agent (HIPAA), whose knowledge is
     * imputed to the controller.
     */
    boolean countsFromControllerBeingTold(Rule rule, StartEvent event) {
        return rule.controllerDuty() && facts.role() == Role.PROCESSOR && !facts.actsAsAgent()
                && CONTROLLER_SIDE.contains(event);
    }

    private Optional<Instant> of(Rule rule, StartEvent event) {
        return switch (event) {
            case AWARENESS -> Optional.of(facts.awareAt());
            case DISCOVERY -> Optional.of(facts.discoveredAt());
            case DETERMINATION -> Optional.of(facts.determinedAt());
            case OCCURRENCE -> Optional.ofNullable(facts.occurredAt());
            case CLASSIFIED_SIGNIFICANT -> facts.event(IncidentEvent.CLASSIFIED_SIGNIFICANT);
            case CLASSIFIED_MAJOR -> facts.event(IncidentEvent.CLASSIFIED_MAJOR);
            case MATERIALITY_DETERMINED -> facts.event(IncidentEvent.MATERIALITY_DETERMINED);
            case ASSESSMENT_COMPLETED -> facts.event(IncidentEvent.ASSESSMENT_COMPLETED);
            case RANSOM_PAID -> facts.event(IncidentEvent.RANSOM_PAID);
            // Without a recorded suspicion, awareness is the earliest moment the facts know of.
            case SUSPECTED -> Optional.of(facts.event(IncidentEvent.SUSPECTED).orElse(facts.awareAt()));
            case CONTROLLER_INFORMED -> facts.event(IncidentEvent.CONTROLLER_INFORMED);
            case LAW_ENFORCEMENT_CLEARED -> facts.event(IncidentEvent.LAW_ENFORCEMENT_CLEARED);
            case INCIDENT_HANDLED -> facts.event(IncidentEvent.INCIDENT_HANDLED);
            case INDIVIDUALS_NOTIFIED -> individualsNotified(rule);
            case END_OF_DISCOVERY_YEAR -> Optional.of(endOfYear(facts.discoveredAt()));
            case AUTHORITY_REQUEST -> Optional.empty();
        };
    }

    /**
     * When individuals were told: the notice this rule depends on, else any individual notice of the same
     * jurisdiction, else the facts' {@code individualsNotifiedAt} (states without an individuals rule of their own).
     */
    private Optional<Instant> individualsNotified(Rule rule) {
        String dependsOn = rule.trigger().dependsOn();
        if (dependsOn != null) {
            Optional<Instant> done = facts.fulfilment(dependsOn);
            if (done.isPresent()) {
                return done;
            }
        }
        Optional<Instant> sameJurisdiction = rulebook.rules().stream()
                .filter(r -> r.jurisdiction().equals(rule.jurisdiction()) && r.recipient() == Recipient.INDIVIDUALS)
                .map(r -> facts.fulfilment(r.id())).flatMap(Optional::stream).min(Comparator.naturalOrder());
        return sameJurisdiction.isPresent() ? sameJurisdiction : facts.event(IncidentEvent.INDIVIDUALS_NOTIFIED);
    }

    /** The start of 31 December of the instant's local year: day 0 of a count from the end of the year. */
    private Instant endOfYear(Instant instant) {
        int year = instant.atZone(zone).getYear();
        return LocalDate.of(year, 12, 31).atStartOfDay(zone).toInstant();
    }

    /**
     * The date that dates the incident for a rule's effective dates: its clock's own start where that is a moment of
     * the incident, else discovery (an attorney-general notice due after the resident notice follows the law in
     * force when the breach was discovered).
     */
    LocalDate incidentDate(Rule rule) {
        ClockStart start = rule.clock().start();
        Instant when = facts.discoveredAt();
        if (start instanceof ClockStart.At at && at.event().datesTheIncident()) {
            when = of(rule, start).orElse(facts.discoveredAt());
        }
        return when.atZone(zone).toLocalDate();
    }
}
