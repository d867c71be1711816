package org.breachline.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.breachline.http.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for tests: sends JSON (or raw text) with a bearer token and reads JSON back. */
public final class Api {
    static {
        // Jetty closes a connection after answering without reading the body (401, 403, 413); a pooled connection
        // can then be closed under the next request, which the JDK client retries only for GET unless told so.
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = StrictJson.newMapper();

    private final String base;
    private final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** An answer: status, parsed body (MissingNode when not JSON), raw text and the ETag. */
    public record Reply(int status, JsonNode body, String text, java.net.http.HttpHeaders headers) {
        public String etag() {
            return header("ETag");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String str(String field) {
            return body.path(field).asText(null);
        }

        public String code() {
            return body.path("code").asText(null);
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    public Reply patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    public Reply send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            if (!typed) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : json(body)));
        }
        return exchange(b.build());
    }

    public Reply exchange(HttpRequest request) {
        try {
            HttpResponse<String> r;
            try {
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // Jetty closes a connection after answering a request whose body it did not read (a 401 before the
                // body); a POST sent on that pooled connection just before it closed gets no bytes back at all, and
                // the JDK client retries only idempotent methods by itself. Nothing was answered, so send it again.
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
            JsonNode parsed;
            try {
                parsed = r.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(r.body());
            } catch (JsonProcessingException e) {
                parsed = MissingNode.getInstance();
            }
            return new Reply(r.statusCode(), parsed, r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client without a token for non-API endpoints such as the admin port. */
    public static final class Raw {
        private final Api api;

        public Raw(String base) {
            this.api = new Api(base, null);
        }

        public Reply get(String path) {
            return api.get(path);
        }
    }

    public String base() {
        return base;
    }

    public String token() {
        return token;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
