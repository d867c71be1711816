package org.breachline.hooks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Keeps a sender's link only when it is an absolute http(s) URL. */
final class HttpLink {
    /** Browsers and proxies commonly stop near 2,000 characters; a longer "link" is a payload, not a way back. */
    static final int MAX_LENGTH = 2_048;

    private HttpLink() {
    }

    // Links end up as anchors in the UI and in e-mails: a "javascript:" or "data:" URL from a payload would run there.
    // A bad link is dropped rather than refused, because the alert itself is still genuine.
    static Optional<String> of(String candidate) {
        if (candidate == null || candidate.isBlank() || candidate.strip().length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(candidate.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && uri.getHost() != null ? Optional.of(uri.toString()) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The first candidate (null for none) that is a usable link, or null. */
    static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            Optional<String> link = of(candidate);
            if (link.isPresent()) {
                return link.get();
            }
        }
        return null;
    }
}
