package org.breachline.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.breachline.http.ApiError;
import org.breachline.http.ApiException;
import org.breachline.http.BodySizeLimit;
import org.breachline.http.ServletJson;
import org.breachline.http.UnexpectedErrorMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Receives alert deliveries, {@code POST /hooks/{source}} and {@code POST /hooks/{source}/{secret}}, in front of
 * Jersey: the hot path of a flood of alerts, where Jersey's routing, entity providers and response processing cost
 * more than authenticating, parsing and storing the delivery (measured in the hook benchmark). The answer is written
 * asynchronously once the delivery has committed, so no request thread waits for the batch writer. Every other
 * request under {@code /hooks} (the ping, Twilio's status callbacks, other paths) goes on to Jersey; other methods on a delivery URL are 405.
 * Errors take the one error shape, {@code {"code", "message", "details"}}, like Jersey's mappers.
 */
public final class HookIngestFilter extends HttpFilter {
    private static final Logger LOG = LoggerFactory.getLogger(HookIngestFilter.class);
    private static final String PREFIX = "/hooks/";

    private final HookService hooks;
    private final long maxBodyBytes;
    private final ObjectWriter receipts;
    private final ObjectWriter errors;

    public HookIngestFilter(HookService hooks, long maxBodyBytes, ObjectMapper mapper) {
        this.hooks = hooks;
        this.maxBodyBytes = maxBodyBytes;
        this.receipts = mapper.writerFor(HookReceipt.class);
        this.errors = mapper.writerFor(ApiError.class);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = decodedPath(request);
        String source = sourceOf(path);
        if (source == null || AlertSourceService.RESERVED.contains(source)) {
            chain.doFilter(request, response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            ServletJson.write(response, 405, errors, new ApiError("request.method_not_allowed",
                    "Alert deliveries are POSTed to this URL.", List.of()));
            return;
        }
        CompletableFuture<HookOutcome> outcome = receive(source, path, request);
        if (outcome.isDone()) {
            answer(outcome, response);
            return;
        }
        AsyncContext async = request.startAsync();
        // The writer always completes or fails the delivery; a timeout would answer before we know which.
        async.setTimeout(0);
        outcome.whenComplete((done, failure) -> {
            try {
                answer(outcome, (HttpServletResponse) async.getResponse());
            } catch (IOException | RuntimeException e) {
                LOG.debug("Could not answer a hook delivery (the sender hung up?)", e);
            } finally {
                async.complete();
            }
        });
    }

    private CompletableFuture<HookOutcome> receive(String source, String path, HttpServletRequest request)
            throws IOException {
        try {
            byte[] body = BodySizeLimit.readAll(request.getInputStream(), request.getHeader("Content-Encoding"),
                    request.getContentLengthLong(), maxBodyBytes);
            return hooks.receive(source, new HookRequest(path, headers(request), body));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void answer(CompletableFuture<HookOutcome> outcome, HttpServletResponse response) throws IOException {
        HookOutcome done;
        try {
            done = outcome.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof ApiException api) {
                ServletJson.write(response, api.status(), errors, api.error());
            } else {
                ServletJson.write(response, 500, errors, UnexpectedErrorMapper.logged(cause));
            }
            return;
        }
        if (done instanceof HookOutcome.Rejected rejected) {
            // 429 for a flood of failing deliveries; a genuine sender's are refused only above its ceiling (below).
            ApiError error = rejected.flood()
                    ? new ApiError("hook.too_many_failures",
                            "Too many deliveries to this source failed authentication; try again later.", List.of())
                    : new ApiError(rejected.code(), rejected.message(), List.of());
            ServletJson.write(response, rejected.flood() ? 429 : 401, errors, error);
        } else if (done instanceof HookOutcome.OverLimit over) {
            long seconds = Math.max(1, (over.retryAfter().toMillis() + 999) / 1000);
            response.setHeader("Retry-After", Long.toString(seconds));
            ServletJson.write(response, 429, errors, new ApiError("hook.rate_limited", "This source sent more than "
                    + over.maxPerSecond() + " deliveries per second; this one was not stored. Send it again in "
                    + seconds + " s.", List.of()));
        } else if (done instanceof HookOutcome.DeadLettered dead) {
            ApiException malformed = HookService.malformed(dead);
            ServletJson.write(response, malformed.status(), errors, malformed.error());
        } else {
            // 202 for what was stored (applied or queued); 200 for a repeat we had already accepted.
            ServletJson.write(response, done instanceof HookOutcome.Duplicate ? 200 : 202, receipts,
                    HookReceipt.of(done));
        }
    }

    /** The source of {@code /hooks/{source}} or {@code /hooks/{source}/{secret}}; null for any other path. */
    static String sourceOf(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        String rest = path.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        String source = slash < 0 ? rest : rest.substring(0, slash);
        String secret = slash < 0 ? null : rest.substring(slash + 1);
        if (source.isEmpty() || (secret != null && (secret.isEmpty() || secret.indexOf('/') >= 0))) {
            return null;
        }
        return source;
    }

    // Decoded as JAX-RS's UriInfo.getPath() decodes it, so a percent-encoded secret segment reads the same as before.
    private static String decodedPath(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        try {
            return URI.create(raw).getPath();
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        // HookRequest merges the names case-insensitively; a plain map spares building the sorted map twice.
        Map<String, List<String>> headers = new java.util.HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }
}
