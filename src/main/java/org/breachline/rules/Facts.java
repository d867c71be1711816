package org.breachline.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The facts of one incident that the notification laws care about (facts-format.md).
 *
 * @param awareAt       when the organisation became aware (required)
 * @param discoveredAt  when it was discovered; defaults to {@code awareAt}
 * @param determinedAt  when it was determined to be a breach; defaults to {@code discoveredAt}
 * @param occurredAt    when it happened; null when unknown
 * @param timeZone      zone in which day-counted deadlines end; null to use the engine's default zone
 * @param establishment ISO 3166-1 code of the main EU/EEA establishment; null when none
 * @param affected      affected people per ISO 3166 code
 * @param events        later events by kind
 * @param fulfilled     obligations already done, by rule id
 */
public record Facts(Instant awareAt, Instant discoveredAt, Instant determinedAt, Instant occurredAt, ZoneId timeZone,
                    String establishment, Role role, Set<Sector> sectors, Set<DataCategory> dataCategories,
                    Encryption encryption, Risk risk, Cause cause, EntitySize entitySize, boolean actsAsAgent,
                    Map<String, Integer> affected, Map<IncidentEvent, Instant> events,
                    Map<String, Instant> fulfilled) {

    public Facts {
        Objects.requireNonNull(awareAt, "awareAt");
        discoveredAt = discoveredAt == null ? awareAt : discoveredAt;
        determinedAt = determinedAt == null ? discoveredAt : determinedAt;
        role = role == null ? Role.CONTROLLER : role;
        sectors = sectors == null || sectors.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(sectors));
        dataCategories = dataCategories == null || dataCategories.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(dataCategories));
        encryption = encryption == null ? Encryption.NONE : encryption;
        // Before the assessment is done the engine assumes the worst, so that no deadline is hidden.
        risk = risk == null ? Risk.HIGH : risk;
        cause = cause == null ? Cause.UNKNOWN : cause;
        entitySize = entitySize == null ? EntitySize.STANDARD : entitySize;
        affected = affected == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(affected));
        events = events == null || events.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(events));
        fulfilled = fulfilled == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(fulfilled));
    }

    /** When the given event happened, if it has. */
    public Optional<Instant> event(IncidentEvent event) {
        return Optional.ofNullable(events.get(event));
    }

    /** When the obligation of the given rule was done, if it was. */
    public Optional<Instant> fulfilment(String ruleId) {
        return Optional.ofNullable(fulfilled.get(ruleId));
    }

    /** Whether any personal data is involved (an outage under NIS2 or DORA has none). */
    public boolean involvesPersonalData() {
        return !dataCategories.isEmpty();
    }
}
