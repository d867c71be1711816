package org.breachline.rules;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Builds {@link Facts} for tests: a controller, no sectors, no data, unless told otherwise. */
final class FactsBuilder {

    private Instant awareAt;
    private Instant discoveredAt;
    private Instant determinedAt;
    private ZoneId timeZone;
    private String establishment;
    private Role role = Role.CONTROLLER;
    private Set<Sector> sectors = EnumSet.noneOf(Sector.class);
    private Set<DataCategory> dataCategories = EnumSet.noneOf(DataCategory.class);
    private Encryption encryption = Encryption.NONE;
    private Risk risk = Risk.RISK;
    private Cause cause;
    private EntitySize entitySize;
    private boolean actsAsAgent;
    private Map<String, Integer> affected = new LinkedHashMap<>();
    private Map<IncidentEvent, Instant> events = new EnumMap<>(IncidentEvent.class);
    private Map<String, Instant> fulfilled = new HashMap<>();

    static FactsBuilder awareAt(Instant awareAt) {
        FactsBuilder builder = new FactsBuilder();
        builder.awareAt = awareAt;
        return builder;
    }

    static FactsBuilder awareAt(String isoWithOffset) {
        return awareAt(at(isoWithOffset));
    }

    static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    FactsBuilder becameAwareAt(Instant value) {
        awareAt = value;
        return this;
    }

    FactsBuilder discoveredAt(String value) {
        discoveredAt = at(value);
        return this;
    }

    FactsBuilder determinedAt(String value) {
        determinedAt = at(value);
        return this;
    }

    FactsBuilder timeZone(String zone) {
        timeZone = ZoneId.of(zone);
        return this;
    }

    FactsBuilder establishment(String value) {
        establishment = value;
        return this;
    }

    FactsBuilder role(Role value) {
        role = value;
        return this;
    }

    FactsBuilder sectors(Set<Sector> value) {
        sectors = value.isEmpty() ? EnumSet.noneOf(Sector.class) : EnumSet.copyOf(value);
        return this;
    }

    FactsBuilder sector(Sector value) {
        sectors.add(value);
        return this;
    }

    FactsBuilder dataCategories(Set<DataCategory> value) {
        dataCategories = value.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(value);
        return this;
    }

    FactsBuilder data(DataCategory... value) {
        dataCategories.addAll(Set.of(value));
        return this;
    }

    FactsBuilder encryption(Encryption value) {
        encryption = value;
        return this;
    }

    FactsBuilder risk(Risk value) {
        risk = value;
        return this;
    }

    FactsBuilder cause(Cause value) {
        cause = value;
        return this;
    }

    FactsBuilder entitySize(EntitySize value) {
        entitySize = value;
        return this;
    }

    FactsBuilder actsAsAgent(boolean value) {
        actsAsAgent = value;
        return this;
    }

    FactsBuilder affected(Map<String, Integer> value) {
        affected = new LinkedHashMap<>(value);
        return this;
    }

    FactsBuilder affected(String place, int count) {
        affected.put(place, count);
        return this;
    }

    FactsBuilder events(Map<IncidentEvent, Instant> value) {
        events = new EnumMap<>(IncidentEvent.class);
        events.putAll(value);
        return this;
    }

    FactsBuilder event(IncidentEvent event, String when) {
        events.put(event, at(when));
        return this;
    }

    FactsBuilder fulfilled(Map<String, Instant> value) {
        fulfilled = new HashMap<>(value);
        return this;
    }

    FactsBuilder fulfilled(String ruleId, String when) {
        fulfilled.put(ruleId, at(when));
        return this;
    }

    Facts build() {
        return new Facts(awareAt, discoveredAt, determinedAt, null, timeZone, establishment, role, sectors,
                dataCategories, encryption, risk, cause, entitySize, actsAsAgent, affected, events, fulfilled);
    }
}
