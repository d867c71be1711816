package org.breachline.hooks;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@code hook_source} row as stored.
 *
 * @param previousSecret     after a rotation with a grace period, the replaced secret (stored like the current one);
 *                           otherwise null
 * @param previousValidUntil until when {@code previousSecret} is still accepted; null without one
 */
public record AlertSourceRow(String name, String format, String authScheme, String storedSecret, String defaultSeverity,
                      long dedupWindowSeconds, String signatureHeader, String timestampHeader, Instant createdAt,
                      String createdBy, Instant rotatedAt, Instant revokedAt, String previousSecret,
                      Instant previousValidUntil) {

    AlertSourceRow withSecrets(String secret, String previous) {
        return new AlertSourceRow(name, format, authScheme, secret, defaultSeverity, dedupWindowSeconds, signatureHeader,
                timestampHeader, createdAt, createdBy, rotatedAt, revokedAt, previous, previousValidUntil);
    }

    AlertSource toSource(Duration tolerance) {
        return new AlertSource(new AlertSourceName(name), PayloadFormat.valueOf(format),
                new SourceAuthentication(AuthScheme.valueOf(authScheme), storedSecret, tolerance, signatureHeader,
                        timestampHeader, previousSecret == null ? null
                        : new SourceAuthentication.PreviousSecret(previousSecret, previousValidUntil)),
                Severity.valueOf(defaultSeverity), Duration.ofSeconds(dedupWindowSeconds), AlertSource.Origin.API,
                createdAt, createdBy, rotatedAt, revokedAt);
    }
}
