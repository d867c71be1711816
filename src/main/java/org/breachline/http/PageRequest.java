package org.breachline.http;

/** Validated paging parameters: {@code limit} 1..200 (default 50) and a non-negative {@code offset}. */
public record PageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String offset) {
        int l = parse("limit", limit, DEFAULT_LIMIT);
        int o = parse("offset", offset, 0);
        if (l < 1 || l > MAX_LIMIT) {
            throw ApiException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (o < 0) {
            throw ApiException.invalidField("offset", "must not be negative");
        }
        return new PageRequest(l, o);
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, "must be a whole number");
        }
    }
}
