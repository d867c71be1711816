package org.breachline.text;

/**
 * What an error message may quote back of something a client sent (a field name, a code, an id): enough to find
 * the mistake, never a whole value. Submitted text may be personal data or megabytes long, and error bodies and
 * logs keep neither.
 */
public final class Echo {
    /** Longer than any code, zone, field name or id we accept, so a near miss is still shown whole. */
    public static final int MAX_CHARACTERS = 40;

    private Echo() {
    }

    /** The text, control characters shown as '?', cut to {@link #MAX_CHARACTERS} with "…" marking the cut. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_CHARACTERS + 1));
        int characters = 0;
        for (int i = 0; i < text.length(); ) {
            if (characters == MAX_CHARACTERS) {
                return shown.append('…').toString();
            }
            int c = text.codePointAt(i);
            shown.appendCodePoint(Character.isISOControl(c) ? '?' : c);
            characters++;
            i += Character.charCount(c);
        }
        return shown.toString();
    }

    /**
     * A field or map key under {@code parent} as a dotted path for an error's details. The empty name, which JSON
     * allows as a key, shows as {@code ""} so that the path does not end in a bare dot.
     */
    public static String member(String parent, String name) {
        String shown = name != null && name.isEmpty() ? "\"\"" : of(name);
        return parent.isEmpty() ? shown : parent + "." + shown;
    }

    /** {@link #of} in single quotes, for a value inside a sentence. */
    public static String quoted(String text) {
        return "'" + of(text) + "'";
    }
}
