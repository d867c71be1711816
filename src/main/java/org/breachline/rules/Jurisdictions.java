package org.breachline.rules;

import java.util.Map;
import java.util.Set;

/** What the engine knows about jurisdictions: EU/EEA membership, subdivisions, and which ones facts touch. */
final class Jurisdictions {

    static final String EU = "EU";

    /** EU member states and the EEA countries that apply the GDPR. */
    static final Set<String> EU_EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO");

    private Jurisdictions() {
    }

    /** Whether a place (country or subdivision code) lies within a rule's jurisdiction. */
    static boolean within(String place, String jurisdiction) {
        if (place.equals(jurisdiction) || place.startsWith(jurisdiction + "-")) {
            return true;
        }
        return jurisdiction.equals(EU) && EU_EEA.contains(country(place));
    }

    /** Whether the facts touch the jurisdiction: people affected there, the establishment there, or its sector. */
    static boolean touched(String jurisdiction, Facts facts) {
        boolean affected = facts.affected().keySet().stream().anyMatch(place -> within(place, jurisdiction));
        boolean established = facts.establishment() != null && within(facts.establishment(), jurisdiction);
        boolean sector = facts.sectors().stream().anyMatch(s -> s.jurisdiction().equals(jurisdiction));
        return affected || established || sector;
    }

    /** The affected people that count for a threshold in the jurisdiction. */
    static int count(String jurisdiction, Map<String, Integer> affected, AffectedThreshold.Counting counting) {
        return switch (counting) {
            case TOTAL -> affected.entrySet().stream().filter(e -> within(e.getKey(), jurisdiction))
                    .mapToInt(Map.Entry::getValue).sum();
            case SINGLE_SUBDIVISION -> affected.entrySet().stream().filter(e -> within(e.getKey(), jurisdiction))
                    .mapToInt(Map.Entry::getValue).max().orElse(0);
        };
    }

    private static String country(String place) {
        int dash = place.indexOf('-');
        return dash < 0 ? place : place.substring(0, dash);
    }
}
