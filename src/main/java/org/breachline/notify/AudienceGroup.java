package org.breachline.notify;

/** How many people of a campaign's audience share a locale and jurisdiction (public for JDBI only). */
public record AudienceGroup(String locale, String jurisdiction, long people) {
}
