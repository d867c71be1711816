package org.breachline.hooks;

import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends queued outbound notifications to the configured webhook, signed with Standard Webhooks; retries failures with
 * exponential backoff and jitter, keeping the message id so that the receiver can drop duplicates.
 */
public final class OutboundDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundDispatcher.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final HooksSettings.Outbound settings;
    private final StandardWebhookSigner signer;
    private final URI target;
    private final HttpClient http;
    private final String instance = "dispatcher-" + UUID.randomUUID().toString().substring(0, 8);

    public OutboundDispatcher(Jdbi jdbi, Clock clock, HooksSettings.Outbound settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.signer = new StandardWebhookSigner(WebhookSecret.parse(settings.getSecret()), clock);
        this.target = URI.create(settings.getUrl());
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
            throw new IllegalArgumentException("hooks.outbound.url must be an http(s) URL");
        }
        this.http = HttpClient.newBuilder().connectTimeout(settings.getTimeout().toJavaDuration())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends what is due now; answers how many were delivered. */
    public int dispatchDue() {
        Instant now = now();
        jdbi.useHandle(h -> h.attach(OutboxDao.class)
                .releaseStaleClaims(now.minus(settings.getTimeout().toJavaDuration().multipliedBy(3))));
        List<OutboxRow> due = jdbi.withHandle(h -> h.attach(OutboxDao.class).due(now, 50));
        int delivered = 0;
        for (OutboxRow row : due) {
            boolean claimed = jdbi.withHandle(h -> h.attach(OutboxDao.class).claim(row.id(), instance, now) == 1);
            if (claimed && send(row, row.attempts() + 1)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean send(OutboxRow row, int attempt) {
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(target)
                .timeout(settings.getTimeout().toJavaDuration())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign(row.messageId(), body).asMap().forEach(request::header);
        String error;
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                jdbi.useHandle(h -> h.attach(OutboxDao.class).delivered(row.id(), now()));
                return true;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        boolean last = attempt >= settings.getMaxAttempts();
        Instant next = now().plus(backoff(attempt));
        String why = error;
        jdbi.useHandle(h -> h.attach(OutboxDao.class).failed(row.id(), last ? "FAILED" : "PENDING", next, why));
        LOG.warn("Outbound webhook {} attempt {} failed: {}{}", row.messageId(), attempt, why,
                last ? "; giving up" : "");
        return false;
    }

    /** The delay after the given failed attempt: doubling from the initial backoff, capped, with up to 20% jitter. */
    Duration backoff(int attempt) {
        Duration base = settings.getInitialBackoff().toJavaDuration()
                .multipliedBy(1L << Math.min(attempt - 1, 30));
        Duration max = settings.getMaxBackoff().toJavaDuration();
        Duration capped = base.compareTo(max) > 0 || base.isNegative() ? max : base;
        long jitter = (long) (capped.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
        return capped.plusMillis(jitter);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
