package org.breachline.incident;

import org.breachline.rules.Encryption;
import org.breachline.rules.Risk;
import org.breachline.rules.Cause;
import java.time.Instant;
import java.util.UUID;

/** An incident flattened into its table's columns, documents already written as JSON text (public for JDBI only). */
public record IncidentRow(UUID id, String incidentKey, String stage, long version, String title, String description,
                   String severity, Instant occurredAt, Instant detectedAt, Instant awareAt, Instant determinedAt,
                   Instant containedAt, Instant assessedAt, String role, String controllerContact,
                   String dataCategories, String encryption, String affectedEstimate, String risk, String cause,
                   String timeZone, String events, Instant closedAt, Instant createdAt, String createdBy,
                   Instant updatedAt) {

    static IncidentRow of(Incident i) {
        IncidentFacts f = i.facts();
        return new IncidentRow(i.id(), i.key(), i.stage().name(), i.version(), f.title(), f.description(),
                name(f.severity()), f.occurredAt(), f.detectedAt(), f.awareAt(), f.determinedAt(), f.containedAt(),
                f.assessedAt(), name(f.role()), IncidentJson.write(f.controllerContact()),
                IncidentJson.write(f.dataCategories()), name(f.encryption()), IncidentJson.write(f.affectedEstimate()),
                name(f.risk()), name(f.cause()), f.timeZone(), IncidentJson.write(f.events()), i.closedAt(),
                i.createdAt(), i.createdBy(), i.updatedAt());
    }

    Incident toIncident() {
        IncidentFacts facts = new IncidentFacts(title, description, value(Severity.class, severity), occurredAt,
                detectedAt, awareAt, determinedAt, containedAt, assessedAt, value(ProcessingRole.class, role),
                IncidentJson.read(controllerContact, IncidentJson.CONTACT, null),
                IncidentJson.read(dataCategories, IncidentJson.CATEGORIES, null),
                value(Encryption.class, encryption), IncidentJson.read(affectedEstimate, IncidentJson.COUNTS, null),
                value(Risk.class, risk), value(Cause.class, cause), timeZone,
                IncidentJson.read(events, IncidentJson.EVENTS, null));
        return new Incident(id, incidentKey, Stage.valueOf(stage), version, facts, closedAt, createdAt, createdBy, updatedAt);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
