package org.breachline.hooks;

import org.breachline.text.Echo;
import org.breachline.audit.AuditEvent;
import org.breachline.audit.AuditLog;
import org.breachline.auth.Actor;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.crypto.AtRestCipher;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Alert sources: those fixed in config.yml and those created, rotated and revoked through the API. */
public class AlertSourceService {
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    static final Duration MAX_WINDOW = Duration.ofDays(90);
    /** The longest a replaced secret stays accepted after a rotation. */
    static final Duration MAX_GRACE = Duration.ofDays(7);
    // Words under /api/alert-sources/ and /hooks/ that are not source names (/hooks/twilio/status takes Twilio's
    // delivery reports).
    static final Set<String> RESERVED = Set.of("dead-letters", "ping", "twilio");

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final Clock clock;
    private final HookSecretGenerator secrets;
    private final Duration tolerance;
    private final Map<String, AlertSource> configured;
    private final SealedSourceSecrets sealed;

    public AlertSourceService(Jdbi jdbi, AuditLog audit, Clock clock, HookSecretGenerator secrets,
                              HooksSettings settings, AtRestCipher cipher) {
        this.jdbi = jdbi;
        this.sealed = new SealedSourceSecrets(cipher);
        this.audit = audit;
        this.clock = clock;
        this.secrets = secrets;
        this.tolerance = settings.getTimestampTolerance().toJavaDuration();
        Map<String, AlertSource> byName = new LinkedHashMap<>();
        for (HooksSettings.Source s : settings.getSources()) {
            if (RESERVED.contains(s.getName())) {
                throw new IllegalArgumentException("hooks.sources: the name " + s.getName() + " is reserved");
            }
            if (byName.put(s.getName(), configured(s)) != null) {
                throw new IllegalArgumentException("hooks.sources: the name " + s.getName() + " is used twice");
            }
        }
        this.configured = Map.copyOf(byName);
    }

    private AlertSource configured(HooksSettings.Source s) {
        String stored = switch (s.getAuth()) {
            // Bearer and path secrets may be written as the sender presents them; only their hash is kept.
            case BEARER, SECRET_PATH -> s.getSecret().startsWith("sha256:") ? s.getSecret()
                    : SecretHash.of(s.getSecret()).stored();
            case STANDARD_WEBHOOKS, GRAFANA_HMAC -> s.getSecret();
        };
        SourceAuthentication auth;
        try {
            auth = new SourceAuthentication(s.getAuth(), stored, tolerance, s.getSignatureHeader(),
                    s.getTimestampHeader());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hooks.sources." + s.getName() + ".secret: " + e.getMessage());
        }
        return new AlertSource(new AlertSourceName(s.getName()), s.getFormat(), auth, s.getDefaultSeverity(),
                s.getDedupWindow().toJavaDuration(), AlertSource.Origin.CONFIG, null, "config.yml", null, null);
    }

    /** The source of that name, active or revoked, read inside the caller's transaction. */
    Optional<AlertSource> find(Handle handle, String name) {
        AlertSource fixed = configured.get(name);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        return handle.attach(AlertSourceDao.class).find(name).map(this::toSource);
    }

    /** The source of that name, active or revoked; from the configuration without touching the database. */
    Optional<AlertSource> find(String name) {
        AlertSource fixed = configured.get(name);
        return fixed != null ? Optional.of(fixed) : jdbi.withHandle(h -> find(h, name));
    }

    /** How the API shows a source, as of now. */
    public AlertSourceView view(AlertSource source) {
        return AlertSourceView.of(source, clock);
    }

    public List<AlertSource> list() {
        List<AlertSource> all = new ArrayList<>(configured.values());
        jdbi.useHandle(h -> h.attach(AlertSourceDao.class).list().forEach(r -> all.add(toSource(r))));
        all.sort(Comparator.comparing(s -> s.name().value()));
        return all;
    }

    public AlertSourceSecretView create(AlertSourceCreate request, Actor actor) {
        Duration window = request.dedupWindow() == null ? Duration.ofHours(1) : request.dedupWindow();
        List<ApiError.Detail> problems = new ArrayList<>();
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            problems.add(new ApiError.Detail("dedupWindow", "must be between PT1M and P90D"));
        }
        if (RESERVED.contains(request.name())) {
            problems.add(new ApiError.Detail("name", "is reserved"));
        }
        boolean grafana = request.auth() == AuthScheme.GRAFANA_HMAC;
        if (!grafana && (request.signatureHeader() != null || request.timestampHeader() != null)) {
            problems.add(new ApiError.Detail(request.signatureHeader() != null ? "signatureHeader" : "timestampHeader",
                    "is only for GRAFANA_HMAC"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(422, "request.validation_failed", problems.get(0).field() + " "
                    + problems.get(0).problem() + ".", problems);
        }
        if (configured.containsKey(request.name())) {
            throw nameTaken(request.name());
        }
        GeneratedSecret secret = secrets.generate(request.auth());
        Instant now = now();
        AlertSourceRow row = new AlertSourceRow(request.name(), request.format().name(), request.auth().name(),
                secret.stored(), (request.defaultSeverity() == null ? Severity.HIGH : request.defaultSeverity()).name(),
                window.toSeconds(), request.signatureHeader(), request.timestampHeader(), now, actor.name(), null,
                null, null, null);
        return jdbi.inTransaction(h -> {
            if (h.attach(AlertSourceDao.class).insert(row.withSecrets(
                    sealed.forStorage(request.name(), request.auth(), row.storedSecret()), null)) != 1) {
                throw nameTaken(request.name());
            }
            audit.record(h, new AuditEvent(actor.name(), "alert_source.create", "alert_source", request.name(),
                    Map.of("format", request.format().name(), "auth", request.auth().name())));
            return AlertSourceSecretView.of(row.toSource(tolerance), secret, clock);
        });
    }

    /**
     * Replaces the source's secret. With a {@code previousValidFor} above zero (at most {@link #MAX_GRACE}) the
     * replaced secret is still accepted that long, so that the sender can be reconfigured without losing alerts; a
     * grace period left from an earlier rotation ends.
     */
    public AlertSourceSecretView rotate(String name, Duration previousValidFor, Actor actor) {
        if (previousValidFor.isNegative() || previousValidFor.compareTo(MAX_GRACE) > 0) {
            throw new ApiException(422, "request.validation_failed", "previousValidFor must be between PT0S and "
                    + MAX_GRACE + ".", List.of(new ApiError.Detail("previousValidFor", "must be between PT0S and "
                    + MAX_GRACE)));
        }
        return jdbi.inTransaction(h -> {
            AlertSourceDao dao = h.attach(AlertSourceDao.class);
            AlertSource source = changeable(dao, name);
            if (!source.active()) {
                throw ApiException.conflict("alert_source.revoked", "The alert source '" + name
                        + "' is revoked; create a new one instead.", List.of());
            }
            GeneratedSecret secret = secrets.generate(source.scheme());
            Instant now = now();
            boolean grace = !previousValidFor.isZero();
            // The replaced value is kept as stored: hashed, or sealed and bound to this source's name.
            dao.rotate(name, sealed.forStorage(name, source.scheme(), secret.stored()), now,
                    grace ? dao.find(name).orElseThrow().storedSecret() : null,
                    grace ? now.plus(previousValidFor) : null);
            audit.record(h, new AuditEvent(actor.name(), "alert_source.rotate", "alert_source", name,
                    Map.of("previousValidFor", previousValidFor.toString())));
            return AlertSourceSecretView.of(toSource(dao.find(name).orElseThrow()), secret, clock);
        });
    }

    public AlertSource revoke(String name, Actor actor) {
        return jdbi.inTransaction(h -> {
            AlertSourceDao dao = h.attach(AlertSourceDao.class);
            AlertSource source = changeable(dao, name);
            if (source.active()) {
                dao.revoke(name, now());
                audit.record(h, new AuditEvent(actor.name(), "alert_source.revoke", "alert_source", name, Map.of()));
            }
            return toSource(dao.find(name).orElseThrow());
        });
    }

    private AlertSource changeable(AlertSourceDao dao, String name) {
        if (configured.containsKey(name)) {
            throw ApiException.conflict("alert_source.configured", "The alert source '" + name
                    + "' is defined in config.yml; change it there.", List.of());
        }
        return dao.lock(name).map(this::toSource).orElseThrow(() -> ApiException.notFound(
                "alert_source.not_found", "No alert source named " + Echo.quoted(name) + "."));
    }

    /**
     * Seals HMAC keys that earlier versions stored in plaintext, and re-seals those sealed with a key that is no longer
     * the active one; run at startup. Answers how many were written.
     */
    public int sealStoredSecrets() {
        return jdbi.inTransaction(h -> {
            AlertSourceDao dao = h.attach(AlertSourceDao.class);
            int written = 0;
            for (AlertSourceRow row : dao.list()) {
                AuthScheme scheme = AuthScheme.valueOf(row.authScheme());
                if (sealed.needsSealing(scheme, row.storedSecret()) || (row.previousSecret() != null
                        && sealed.needsSealing(scheme, row.previousSecret()))) {
                    dao.reseal(row.name(), resealed(row.name(), scheme, row.storedSecret()),
                            row.previousSecret() == null ? null
                                    : resealed(row.name(), scheme, row.previousSecret()));
                    written++;
                }
            }
            return written;
        });
    }

    private String resealed(String source, AuthScheme scheme, String stored) {
        return sealed.forStorage(source, scheme, sealed.fromStorage(source, stored));
    }

    private AlertSource toSource(AlertSourceRow row) {
        return row.withSecrets(sealed.fromStorage(row.name(), row.storedSecret()), row.previousSecret() == null ? null
                : sealed.fromStorage(row.name(), row.previousSecret())).toSource(tolerance);
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("alert_source.name_taken", "An alert source named '" + name
                + "' already exists.", List.of(new ApiError.Detail("name", "is taken")));
    }


    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
