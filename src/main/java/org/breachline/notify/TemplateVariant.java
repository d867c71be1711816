package org.breachline.notify;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The audience of a template file, from its name: {@code en} (a language), {@code en-US} (a language in a country,
 * which is also that country's jurisdiction variant), {@code en-US-CA} (a subdivision's jurisdiction variant) or
 * {@code en-EU} (every GDPR country).
 */
public record TemplateVariant(String language, String region, String subdivision) {
    private static final Pattern STEM = Pattern.compile("([a-z]{2,3})(?:-([A-Z]{2})(?:-([A-Z0-9]{1,3}))?)?");

    static Optional<TemplateVariant> parse(String stem) {
        var m = STEM.matcher(stem);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new TemplateVariant(m.group(1), m.group(2), m.group(3)));
    }

    /** The file name without {@code .mustache}. */
    public String stem() {
        return language + (region == null ? "" : "-" + region) + (subdivision == null ? "" : "-" + subdivision);
    }

    /** The jurisdiction this variant is written for ({@code US-CA}, {@code DE}, {@code EU}), if any. */
    public Optional<String> jurisdiction() {
        if (region == null) {
            return Optional.empty();
        }
        return Optional.of(subdivision == null ? region : region + "-" + subdivision);
    }
}
