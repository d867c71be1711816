package org.breachline.obligation;

import org.breachline.incident.Incident;
import org.breachline.incident.IncidentFacts;
import org.breachline.incident.ProcessingRole;
import org.breachline.rules.Facts;
import org.breachline.rules.IncidentEvent;
import org.breachline.rules.Role;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

/** Turns an incident, with the organisation's profile and the filings already made, into the engine's facts. */
final class IncidentFactsMapper {
    private final DeadlinesConfiguration.Organisation organisation;
    private final ZoneId defaultZone;

    IncidentFactsMapper(DeadlinesConfiguration.Organisation organisation, ZoneId defaultZone) {
        this.organisation = organisation;
        this.defaultZone = defaultZone;
    }

    /** Empty until the organisation is aware of the breach: every regulator's clock starts at or after awareness. */
    Optional<Facts> facts(Incident incident, Map<String, Instant> fulfilled) {
        IncidentFacts f = incident.facts();
        if (f.awareAt() == null) {
            return Optional.empty();
        }
        Map<IncidentEvent, Instant> events = new EnumMap<>(IncidentEvent.class);
        f.events().forEach((name, at) -> IncidentEvent.fromJsonName(name.name()).ifPresent(e -> events.put(e, at)));
        return Optional.of(new Facts(f.awareAt(), f.detectedAt() == null || f.detectedAt().isAfter(f.awareAt())
                ? null : f.detectedAt(), f.determinedAt(), f.occurredAt(),
                f.timeZone() == null ? defaultZone : ZoneId.of(f.timeZone()), organisation.getEstablishment(),
                f.role() == ProcessingRole.PROCESSOR ? Role.PROCESSOR : Role.CONTROLLER,
                organisation.getSectors().isEmpty() ? EnumSet.noneOf(org.breachline.rules.Sector.class)
                        : EnumSet.copyOf(organisation.getSectors()),
                f.dataCategories().isEmpty() ? null : EnumSet.copyOf(f.dataCategories()), f.encryption(), f.risk(),
                f.cause(), organisation.getEntitySize(), false, f.affectedEstimate(), events, fulfilled));
    }
}
