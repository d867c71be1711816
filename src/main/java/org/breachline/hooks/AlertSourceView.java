package org.breachline.hooks;

import java.time.Clock;
import java.time.Instant;

/**
 * An alert source as the API shows it: never its secret.
 *
 * @param previousSecretValidUntil after a rotation with a grace period, until when the replaced secret is still
 *                                 accepted; null when it is not (any more)
 */
public record AlertSourceView(String name, PayloadFormat format, AuthScheme auth, Severity defaultSeverity,
                              String dedupWindow, AlertSource.Origin origin, boolean active, String hookPath,
                              Instant createdAt, String createdBy, Instant rotatedAt, Instant revokedAt,
                              Instant previousSecretValidUntil) {

    public static AlertSourceView of(AlertSource s, Clock clock) {
        String path = "/hooks/" + s.name() + (s.scheme() == AuthScheme.SECRET_PATH ? "/{secret}" : "");
        SourceAuthentication.PreviousSecret previous = s.authentication().previous();
        Instant graceEnds = previous != null && clock.instant().isBefore(previous.validUntil())
                ? previous.validUntil() : null;
        return new AlertSourceView(s.name().value(), s.format(), s.scheme(), s.defaultSeverity(),
                s.dedupWindow().toString(), s.origin(), s.active(), path, s.createdAt(), s.createdBy(), s.rotatedAt(),
                s.revokedAt(), graceEnds);
    }
}
