package org.breachline.hooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A named hook: where its deliveries come from, how they are read and authenticated, and how long repeats of one
 * alert join the same incident.
 *
 * @param revokedAt when it stopped accepting deliveries, or null while active
 */
public record AlertSource(
        AlertSourceName name,
        PayloadFormat format,
        SourceAuthentication authentication,
        Severity defaultSeverity,
        Duration dedupWindow,
        Origin origin,
        Instant createdAt,
        String createdBy,
        Instant rotatedAt,
        Instant revokedAt) {

    /** Where a source is defined; only API sources can be rotated or revoked through the API. */
    public enum Origin { CONFIG, API }

    public AlertSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        Objects.requireNonNull(dedupWindow, "dedupWindow");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean active() {
        return revokedAt == null;
    }

    public AuthScheme scheme() {
        return authentication.scheme();
    }
}
