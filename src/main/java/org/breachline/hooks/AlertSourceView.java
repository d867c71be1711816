package org.breachline.hooks;

import java.time.Instant;

/** An alert source as the API shows it: never its secret. */
public record AlertSourceView(String name, PayloadFormat format, AuthScheme auth, Severity defaultSeverity,
                              String dedupWindow, AlertSource.Origin origin, boolean active, String hookPath,
                              Instant createdAt, String createdBy, Instant rotatedAt, Instant revokedAt) {

    public static AlertSourceView of(AlertSource s) {
        String path = "/hooks/" + s.name() + (s.scheme() == AuthScheme.SECRET_PATH ? "/{secret}" : "");
        return new AlertSourceView(s.name().value(), s.format(), s.scheme(), s.defaultSeverity(),
                s.dedupWindow().toString(), s.origin(), s.active(), path, s.createdAt(), s.createdBy(), s.rotatedAt(),
                s.revokedAt());
    }
}
