package org.breachline.http;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Parses optional query parameters strictly, so a typo is a 400 naming the parameter, not an empty result. */
public final class QueryParams {
    private QueryParams() {
    }

    /** An ISO-8601 duration such as {@code PT24H}; empty when the parameter is absent or blank. */
    public static Optional<java.time.Duration> duration(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.Duration.parse(value.trim()));
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalidField(name, "must be an ISO-8601 duration such as PT24H");
        }
    }

    public static <E extends Enum<E>> Optional<E> enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.trim()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(name, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
