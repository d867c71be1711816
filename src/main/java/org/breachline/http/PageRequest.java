package org.breachline.http;

/** Validated paging parameters: {@code limit} 1..200 (default 50) and a non-negative {@code offset}. */
public record PageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(String limit, String offset) {
        return new PageRequest(parse("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT),
                parse("offset", offset, 0, 0, Integer.MAX_VALUE));
    }

    /** One message per parameter whatever is wrong with it (not a number, too big for an int, out of range). */
    private static int parse(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String problem = "must be a whole number from " + min + " to " + max;
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ApiException.invalidField(name, problem);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.invalidField(name, problem);
        }
    }
}
