package org.breachline.rules;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates jurisdiction codes: an ISO 3166-1 alpha-2 country, or a subdivision of one such as {@code US-CA}. The
 * engine checks facts with it too, so that a typo such as {@code ZZ} is refused rather than matching no rule.
 */
public final class Jurisdiction {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern SHAPE = Pattern.compile("([A-Z]{2})(-[A-Z0-9]{1,3})?");

    private Jurisdiction() {
    }

    public static boolean isValid(String code) {
        if (code == null) {
            return false;
        }
        var m = SHAPE.matcher(code);
        return m.matches() && COUNTRIES.contains(m.group(1));
    }

    /** Why {@code code} is refused, said the same way wherever a jurisdiction is given. */
    public static String problemWith(String code) {
        String problem = "is not an ISO 3166 country or subdivision code such as DE or US-CA";
        if (code != null && (code.equals("UK") || code.startsWith("UK-"))) {
            return problem + " (the United Kingdom is GB)";
        }
        if (code != null && (code.equals("EL") || code.startsWith("EL-"))) {
            return problem + " (Greece is GR)";
        }
        return problem;
    }

    public static boolean isCountry(String code) {
        return code != null && COUNTRIES.contains(code);
    }
}
