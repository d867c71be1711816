package org.breachline.text;

/** Text cut to a length a column or a screen can hold, with "…" marking the cut, never splitting a surrogate pair. */
public final class Abbreviation {
    private Abbreviation() {
    }

    /** {@code text} itself when it has at most {@code max} chars, else its first {@code max - 1} and "…". */
    public static String of(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
