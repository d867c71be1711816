package org.breachline.people;

/** How many people of an incident live in one jurisdiction (null: not known) (public for JDBI only). */
public record JurisdictionCount(String jurisdiction, long people) {
}
