package org.breachline.incident;

import org.breachline.rules.DataCategory;
import org.breachline.rules.Encryption;
import org.breachline.rules.Risk;
import org.breachline.rules.Cause;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The facts of an incident that people edit and the law cares about. The same shape is the body of a create
 * and, as a JSON merge patch, of an edit. Stage times after detection are stamped by transitions when not given.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IncidentFacts(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 20000) String description,
        Severity severity,
        Instant occurredAt,
        Instant detectedAt,
        Instant awareAt,
        Instant determinedAt,
        Instant containedAt,
        Instant assessedAt,
        ProcessingRole role,
        @Valid ControllerContact controllerContact,
        @Size(max = 50) List<DataCategory> dataCategories,
        Encryption encryption,
        @Size(max = 500) Map<String, Integer> affectedEstimate,
        Risk risk,
        Cause cause,
        @Size(max = 64) String timeZone,
        Map<IncidentEvent, Instant> events) {

    public IncidentFacts {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        affectedEstimate = affectedEstimate == null ? Map.of() : Map.copyOf(affectedEstimate);
        events = events == null ? Map.of() : Map.copyOf(events);
    }

    /** These facts with the defaults a new incident gets for what its reporter left out. */
    IncidentFacts withCreationDefaults(Instant now) {
        return new IncidentFacts(title, description, severity == null ? Severity.MEDIUM : severity, occurredAt,
                detectedAt == null ? now : detectedAt, awareAt, determinedAt, containedAt, assessedAt,
                role == null ? ProcessingRole.CONTROLLER : role, controllerContact, dataCategories,
                encryption == null ? Encryption.NONE : encryption, affectedEstimate, risk, cause, timeZone, events);
    }

    IncidentFacts withContainedAt(Instant at) {
        return new IncidentFacts(title, description, severity, occurredAt, detectedAt, awareAt, determinedAt, at,
                assessedAt, role, controllerContact, dataCategories, encryption, affectedEstimate, risk, cause,
                timeZone, events);
    }

    IncidentFacts withAssessedAt(Instant at) {
        return new IncidentFacts(title, description, severity, occurredAt, detectedAt, awareAt, determinedAt,
                containedAt, at, role, controllerContact, dataCategories, encryption, affectedEstimate, risk, cause,
                timeZone, events);
    }
}
