package org.breachline.people;

import org.breachline.rules.Jurisdiction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The jurisdiction codes a person may carry: every ISO 3166-1 alpha-2 country and the subdivisions listed in {@code subdivisions.txt}. */
public final class KnownJurisdictions {
    private static final String RESOURCE = "subdivisions.txt";

    private final Set<String> subdivisions;

    private KnownJurisdictions(Set<String> subdivisions) {
        this.subdivisions = subdivisions;
    }

    /** Loads the subdivisions shipped with Breachline. */
    public static KnownJurisdictions shipped() {
        try (InputStream in = KnownJurisdictions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Set<String> subdivisions = new TreeSet<>();
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                subdivisions.add(line.split("\\s+", 2)[0]);
            }
            return new KnownJurisdictions(Set.copyOf(subdivisions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The canonical (upper-case) code if {@code code} is a known country or subdivision. */
    public Optional<String> canonical(String code) {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        if (Jurisdiction.isCountry(upper) || subdivisions.contains(upper)) {
            return Optional.of(upper);
        }
        return Optional.empty();
    }

    /** The ISO 3166-1 country of a known code: {@code US-CA → US}, {@code DE → DE}. */
    public static String countryOf(String canonicalCode) {
        int dash = canonicalCode.indexOf('-');
        return dash < 0 ? canonicalCode : canonicalCode.substring(0, dash);
    }

    public Set<String> subdivisions() {
        return subdivisions;
    }
}
