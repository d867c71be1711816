package org.breachline.people;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A practical syntax check for e-mail addresses as mail servers accept them today: dot-atom local part (no quoted
 * strings or comments), a domain of at least two DNS labels, RFC 5321 length limits. No DNS lookup.
 */
final class EmailAddressCheck {
    // RFC 5321: 64 octets local part, 255 domain, 254 for the whole path without angle brackets.
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_TOTAL = 254;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern TOP_LABEL = Pattern.compile("([a-z]{2,63}|xn--[a-z0-9-]{1,59})");

    /** The address with its domain in lower-case ASCII, or empty if it is not a usable address. */
    Optional<String> normalise(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.length() > MAX_TOTAL * 4) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain;
        String given = address.substring(at + 1);
        if (isAscii(given)) {
            // IDNA processing is slow and changes nothing but case here; the label patterns below do its checks.
            domain = given.toLowerCase(Locale.ROOT);
        } else {
            try {
                // Internationalised domains are accepted in their A-label (punycode) form.
                domain = IDN.toASCII(given, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (local.length() > MAX_LOCAL || domain.length() > MAX_DOMAIN || !LOCAL.matcher(local).matches()) {
            return Optional.empty();
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || !TOP_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        String normalised = local + "@" + domain;
        return normalised.length() <= MAX_TOTAL ? Optional.of(normalised) : Optional.empty();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
