package org.breachline.people;

import java.util.List;
import java.util.Map;

/**
 * An incident's affected people: counts per jurisdiction (key {@code "unknown"} for people without one) and one page
 * of the list.
 */
public record PeopleOverview(long total, Map<String, Long> byJurisdiction, List<PersonView> items, long matching,
                             int limit, int offset) {
    public PeopleOverview {
        byJurisdiction = Map.copyOf(byJurisdiction);
        items = List.copyOf(items);
    }
}
