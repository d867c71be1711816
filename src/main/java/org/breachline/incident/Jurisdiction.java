package org.breachline.incident;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validates jurisdiction codes: an ISO 3166-1 alpha-2 country, or a subdivision of one such as {@code US-CA}. */
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
}
