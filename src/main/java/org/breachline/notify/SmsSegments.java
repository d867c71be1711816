package org.breachline.notify;

import java.util.Objects;

/** Counts the segments an SMS body takes, as carriers and Twilio split it (GSM 03.38 / UCS-2). */
public final class SmsSegments {
    // GSM 03.38 default alphabet (the escape code 0x1B itself is not a character one can send).
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    // The extension table: each is sent as escape + character, two septets.
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {
    }

    /** Counts {@code body}; an empty body still goes out as one (empty) segment. */
    public static SmsSegmentCount count(String body) {
        Objects.requireNonNull(body, "body");
        int characters = body.codePointCount(0, body.length());
        if (isGsm7(body)) {
            return new SmsSegmentCount(SmsEncoding.GSM_7, characters, septets(body), gsmSegments(body));
        }
        return new SmsSegmentCount(SmsEncoding.UCS_2, characters, body.length(), ucs2Segments(body));
    }

    /** Whether every character of {@code body} is in the GSM 03.38 basic set or its extension table. */
    public static boolean isGsm7(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (BASIC.indexOf(c) < 0 && EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int septets(String body) {
        int septets = 0;
        for (int i = 0; i < body.length(); i++) {
            septets += septetsOf(body.charAt(i));
        }
        return septets;
    }

    private static int septetsOf(char c) {
        return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
    }

    private static int gsmSegments(String body) {
        if (septets(body) <= SmsEncoding.GSM_7.singleLimit()) {
            return 1;
        }
        // An escape and its character must travel in the same segment, so a part may end one septet short.
        int segments = 1;
        int used = 0;
        for (int i = 0; i < body.length(); i++) {
            int size = septetsOf(body.charAt(i));
            if (used + size > SmsEncoding.GSM_7.partLimit()) {
                segments++;
                used = 0;
            }
            used += size;
        }
        return segments;
    }

    private static int ucs2Segments(String body) {
        if (body.length() <= SmsEncoding.UCS_2.singleLimit()) {
            return 1;
        }
        // A surrogate pair (emoji and other characters beyond the BMP) must not be split across segments.
        int segments = 1;
        int used = 0;
        for (int i = 0; i < body.length(); ) {
            int size = Character.charCount(body.codePointAt(i));
            if (used + size > SmsEncoding.UCS_2.partLimit()) {
                segments++;
                used = 0;
            }
            used += size;
            i += size;
        }
        return segments;
    }
}
