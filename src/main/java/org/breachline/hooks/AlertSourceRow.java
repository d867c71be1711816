package org.breachline.hooks;

import java.time.Duration;
import java.time.Instant;

/** A {@code hook_source} row as stored. */
public record AlertSourceRow(String name, String format, String authScheme, String storedSecret, String defaultSeverity,
                      long dedupWindowSeconds, String signatureHeader, String timestampHeader, Instant createdAt,
                      String createdBy, Instant rotatedAt, Instant revokedAt) {

    AlertSourceRow withStoredSecret(String secret) {
        return new AlertSourceRow(name, format, authScheme, secret, defaultSeverity, dedupWindowSeconds, signatureHeader,
                timestampHeader, createdAt, createdBy, rotatedAt, revokedAt);
    }

    AlertSource toSource(Duration tolerance) {
        return new AlertSource(new AlertSourceName(name), PayloadFormat.valueOf(format),
                new SourceAuthentication(AuthScheme.valueOf(authScheme), storedSecret, tolerance, signatureHeader,
                        timestampHeader),
                Severity.valueOf(defaultSeverity), Duration.ofSeconds(dedupWindowSeconds), AlertSource.Origin.API,
                createdAt, createdBy, rotatedAt, revokedAt);
    }
}
