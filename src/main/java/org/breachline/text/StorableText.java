package org.breachline.text;

import java.util.Optional;

/**
 * Whether text can be stored and shown as it was sent. PostgreSQL refuses a NUL in a text column (a 500 where the
 * sender deserves a 400); other control characters and a lone UTF-16 surrogate, which has no UTF-8 form, would be
 * stored as something else than what was sent, or break a terminal or CSV export that shows it.
 */
public final class StorableText {
    private StorableText() {
    }

    /** The problem with a value of a field that may hold tabs and line breaks (a description, a note). */
    public static Optional<String> problemInMultiline(String text) {
        return problem(text, true);
    }

    /** The problem with a one-line value (a query parameter, a name); C1 controls, mojibake there, are refused too. */
    public static Optional<String> problemInLine(String text) {
        return problem(text, false);
    }

    private static Optional<String> problem(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isRefusedControl(c, lineBreaksAllowed)) {
                return Optional.of("must not contain control characters"
                        + (lineBreaksAllowed ? " other than tabs and line breaks" : ""));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain an unpaired UTF-16 surrogate (\\ud800-\\udfff without its pair)");
            }
        }
        return Optional.empty();
    }

    /**
     * The text with what {@link #problemInMultiline} refuses taken out, for text we must keep rather than refuse (an
     * alert whose sender we cannot ask again).
     */
    public static String withoutUnstorable(String text) {
        if (problemInMultiline(text).isEmpty()) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        // codePoints() yields a lone surrogate as itself, a pair as the one code point it encodes.
        text.codePoints().filter(c -> !isRefusedControl(c, true)
                && !(c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    // C0 controls and DEL; in one-line values also C1 controls, which there are mojibake rather than layout.
    private static boolean isRefusedControl(int c, boolean lineBreaksAllowed) {
        if (lineBreaksAllowed) {
            return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
        }
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
    }
}
