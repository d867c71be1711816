package org.breachline.hooks;

import java.util.regex.Pattern;

/** The name of an alert source: the {@code {source}} of {@code /hooks/{source}}, safe in a URL, a log and a metric. */
public record AlertSourceName(String value) {
    /** Lowercase letters, digits, '-' and '_', starting with a letter or digit, at most 64 characters. */
    public static final String PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    public AlertSourceName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("a source name is 1 to 64 lowercase letters, digits, '-' or '_'");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
