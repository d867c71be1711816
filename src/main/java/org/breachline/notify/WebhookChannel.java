package org.breachline.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.breachline.hooks.StandardWebhookHeaders;
import org.breachline.hooks.StandardWebhookSigner;
import org.breachline.hooks.WebhookSecret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The WEBHOOK channel: POSTs each person's notice as a JSON document to the organisation's own product, signed the
 * Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,…} with
 * HMAC-SHA256 under the configured {@code whsec_} secret), so that the product can show it in-app.
 * <p>
 * The {@code webhook-id} is fixed per delivery ({@link #webhookId}): every attempt of one notice carries the same id,
 * so a product that remembers the ids it processed (as Standard Webhooks asks receivers to) shows each notice once,
 * even when a request is sent again after a timeout, a 5xx or a crash. Delivery is therefore at least once, and
 * effectively once with the receiver's deduplication: a delivery found in flight after a crash is simply sent again.
 * <p>
 * Without a URL the signed requests are appended as JSON lines to {@code webhook.jsonl} in the outbox folder (the
 * embedded default); there the line's presence settles a delivery after a crash exactly, as for the SMS file sink.
 */
public final class WebhookChannel implements DeliveryChannel {
    /** The {@code type} of the document: one notice issued to one person. */
    public static final String TYPE = "notice.issued";
    /**
     * Signs the file sink's lines when no secret is configured. It is public (in the README), so it is never used to
     * sign requests sent over HTTP: a URL without a secret is refused at startup.
     */
    public static final String DEVELOPMENT_SECRET = "whsec_YnJlYWNobGluZS1wdWJsaWMtZGV2LXdlYmhvb2sta2V5";
    static final String FILE = "webhook.jsonl";

    private final double rate;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final StandardWebhookSigner signer;
    private final URI target;
    private final Duration timeout;
    private final HttpClient http;
    private final Path file;

    private WebhookChannel(NotifyConfiguration.Webhook config, Path outbox, Clock clock, ObjectMapper mapper) {
        this.rate = config.getRatePerSecond();
        this.clock = clock;
        this.mapper = mapper;
        this.timeout = config.getTimeout().toJavaDuration();
        String secret = config.getSecret() == null || config.getSecret().isBlank() ? null : config.getSecret();
        if (config.isHttp()) {
            this.target = target(config.getUrl());
            if (secret == null) {
                throw new IllegalArgumentException("notify.webhook.secret (whsec_…) is required when "
                        + "notify.webhook.url is set");
            }
            this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            this.file = null;
        } else {
            this.target = null;
            this.http = null;
            this.file = outbox.resolve(FILE);
            try {
                Files.createDirectories(outbox);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the outbox folder " + outbox, e);
            }
        }
        WebhookSecret key;
        try {
            key = WebhookSecret.parse(secret == null ? DEVELOPMENT_SECRET : secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notify.webhook.secret: " + e.getMessage(), null);
        }
        this.signer = new StandardWebhookSigner(key, clock);
    }

    /** The channel as configured: HTTP when {@code notify.webhook.url} is set, else the file sink under {@code outbox}. */
    public static WebhookChannel of(NotifyConfiguration.Webhook config, Path outbox, Clock clock, ObjectMapper mapper) {
        return new WebhookChannel(config, outbox, clock, mapper);
    }

    /**
     * The {@code webhook-id} of a delivery's notice, the same on every attempt. The campaign is part of it so that ids
     * stay distinct if two Breachline databases (say staging and production) notify one product.
     */
    public static String webhookId(UUID campaignId, long deliveryId) {
        return "notice_" + campaignId.toString().replace("-", "") + "_" + deliveryId;
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public double ratePerSecond() {
        return rate;
    }

    @Override
    public SendResult send(Outgoing message) {
        if (message.about() == null || !(message.notice() instanceof RenderedNotice.Email notice)) {
            return new SendResult.Permanent("the webhook needs the notice's campaign and an e-mail rendering");
        }
        String id = webhookId(message.about().campaignId(), message.deliveryId());
        byte[] body = document(id, message, notice);
        StandardWebhookHeaders headers = signer.sign(id, body);
        return http != null ? post(id, body, headers) : append(message.deliveryId(), id, body, headers);
    }

    /**
     * Over HTTP the product cannot be asked, but it need not be: it drops a repeated webhook-id, so the delivery is
     * queued again and re-sent with the same id. In the file sink the line's presence settles it.
     */
    @Override
    public Reconciliation reconcile(InFlight delivery) {
        if (http != null) {
            return new Reconciliation.NotSent();
        }
        try {
            return findLine(delivery.deliveryId())
                    .<Reconciliation>map(line -> new Reconciliation.AlreadySent(line.path("headers")
                            .path("webhook-id").asText()))
                    .orElseGet(Reconciliation.NotSent::new);
        } catch (IOException e) {
            return new Reconciliation.CannotTell("outbox not readable: " + e.getClass().getSimpleName());
        }
    }

    /** The JSON document the product receives; {@code openapi.yaml} (NoticeWebhook) and the README describe it. */
    private byte[] document(String id, Outgoing message, RenderedNotice.Email notice) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        rendered.put("template", notice.template());
        rendered.put("subject", notice.subject());
        rendered.put("text", notice.text());
        if (notice.html() != null && !notice.html().isBlank()) {
            rendered.put("html", notice.html());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhookId", id);
        data.put("campaignId", message.about().campaignId().toString());
        data.put("incidentKey", message.about().incidentKey());
        data.put("noticeKind", message.about().noticeKind().name());
        data.put("personReference", message.to());
        data.put("locale", message.about().locale());
        data.put("notice", rendered);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", TYPE);
        document.put("timestamp", clock.instant().toString());
        document.put("data", data);
        try {
            return mapper.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notice document is plain strings", e);
        }
    }

    private SendResult post(String id, byte[] body, StandardWebhookHeaders headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "Breachline-Notices")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.asMap().forEach(request::header);
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpTimeoutException e) {
            return new SendResult.Transient("the product did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new SendResult.Transient("connection to the product failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Transient("interrupted while sending");
        }
        return outcome(id, status);
    }

    /**
     * 2xx sent; 408, 429 and 5xx worth another attempt; 401 and 403 stop the channel (the product refuses our
     * signature, not this person: every other notice would be refused too, until someone fixes the secret); any other
     * answer never will be.
     */
    static SendResult outcome(String webhookId, int status) {
        if (status >= 200 && status < 300) {
            return new SendResult.Sent(webhookId);
        }
        String reason = "HTTP " + status + " from the product";
        if (status == 401 || status == 403) {
            return new SendResult.ChannelBlocked(reason + ": it refused our signature; check that notify.webhook.secret "
                    + "is the secret the product verifies with, then resume the channel");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new SendResult.Transient(reason);
        }
        if (status >= 300 && status < 400) {
            return new SendResult.Permanent(reason + ": redirects are not followed; set notify.webhook.url to the "
                    + "address that answers");
        }
        return new SendResult.Permanent(reason);
    }

    private synchronized SendResult append(long deliveryId, String id, byte[] body, StandardWebhookHeaders headers) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("delivery", deliveryId);
        line.put("method", "POST");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("content-type", "application/json");
        headers.asMap().forEach((name, value) -> all.put(name.toLowerCase(Locale.ROOT), value));
        line.put("headers", all);
        // The body as the exact string that was signed, so that the signature can be checked against the line.
        line.put("body", new String(body, StandardCharsets.UTF_8));
        try {
            byte[] bytes = (mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel fc = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                // One write of a whole line with O_APPEND: lines of several processes do not interleave.
                fc.write(ByteBuffer.wrap(bytes));
                fc.force(true);
            }
            return new SendResult.Sent(id);
        } catch (IOException e) {
            return new SendResult.Transient("outbox not writable: " + e.getClass().getSimpleName());
        }
    }

    private Optional<JsonNode> findLine(long deliveryId) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String marker = "{\"delivery\":" + deliveryId + ",";
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            Optional<String> found = lines.filter(l -> l.startsWith(marker)).findFirst();
            return found.isEmpty() ? Optional.empty() : Optional.of(mapper.readTree(found.get()));
        }
    }

    private static URI target(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("notify.webhook.url is not a URL", null);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("notify.webhook.url must be an absolute http(s) URL");
        }
        return uri;
    }
}
