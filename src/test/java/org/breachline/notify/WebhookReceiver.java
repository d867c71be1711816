package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The organisation's product as a test stands it up: a JDK HTTP server on 127.0.0.1 that checks each request's
 * Standard Webhooks signature (refusing a bad one with 401), answers with the statuses scripted for the person's
 * reference (200 when none is left), and, like a well-behaved receiver, shows each webhook-id's notice only once.
 */
final class WebhookReceiver implements AutoCloseable {
    static final String PATH = "/breachline/notices";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived, with the receiver's verdict on its signature and the status it answered. */
    record Received(Map<String, String> headers, String body, boolean signatureValid, int answered) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String id() {
            return headers.get("webhook-id");
        }

        String reference() {
            return json().path("data").path("personReference").asText();
        }
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Set<String> shown = new LinkedHashSet<>();

    WebhookReceiver(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            boolean valid = StandardWebhooksVerifier.verify(secret, headers.get("webhook-id"),
                    headers.get("webhook-timestamp"), body, headers.get("webhook-signature"));
            int status;
            synchronized (this) {
                Received r = new Received(headers, new String(body, java.nio.charset.StandardCharsets.UTF_8), valid, 0);
                Deque<Integer> script = valid ? scripts.get(r.reference()) : null;
                status = !valid ? 401 : script == null || script.isEmpty() ? 200 : script.poll();
                received.add(new Received(r.headers(), r.body(), valid, status));
                if (status / 100 == 2) {
                    shown.add(r.id());
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    Supplier<String> urlSupplier() {
        return this::url;
    }

    String secret() {
        return secret;
    }

    /** The statuses to answer, in turn, for requests about the person with this reference. */
    void script(String reference, Integer... statuses) {
        scripts.put(reference, new ArrayDeque<>(List.of(statuses)));
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> about(String reference) {
        return received.stream().filter(r -> r.signatureValid() && r.reference().equals(reference)).toList();
    }

    /** The webhook-ids whose notice the product shows: each once, however often it was sent. */
    synchronized Set<String> shown() {
        return Set.copyOf(shown);
    }

    synchronized void reset() {
        received.clear();
        scripts.clear();
        shown.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
