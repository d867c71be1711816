package org.breachline.hooks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an authenticator may look at in an incoming delivery: the request path, the headers and the raw body.
 *
 * @param path    the request path as routed, e.g. {@code /hooks/splunk/<secret>} (JAX-RS {@code UriInfo.getPath()})
 * @param headers header values by name; names are matched ignoring case, as HTTP requires
 * @param body    the body exactly as received; signatures are over these bytes, so never re-serialize it
 */
public record HookRequest(String path, Map<String, List<String>> headers, byte[] body) {

    public HookRequest {
        path = path == null ? "" : path;
        TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            // A JAX-RS MultivaluedMap is a Map<String, List<String>> and can be passed as it is.
            headers.forEach((name, values) -> {
                if (name != null && values != null) {
                    List<String> all = new ArrayList<>(byName.getOrDefault(name, List.of()));
                    values.stream().filter(Objects::nonNull).forEach(all::add);
                    byName.put(name, List.copyOf(all));
                }
            });
        }
        headers = Collections.unmodifiableMap(byName);
        body = body == null ? new byte[0] : body;
    }

    /** A request with one value per header, convenient for tests and callers holding a simple map. */
    public static HookRequest of(String path, Map<String, String> headers, byte[] body) {
        TreeMap<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new HookRequest(path, multi, body);
    }

    /** The first value of a header, blank values reading as absent. */
    public Optional<String> header(String name) {
        return headers.getOrDefault(name, List.of()).stream()
                .filter(value -> !value.isBlank())
                .findFirst()
                .map(String::strip);
    }

    /** All values of a header (a sender may repeat a header instead of listing values in one). */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The last non-empty segment of the path. */
    public Optional<String> lastPathSegment() {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i >= 0; i--) {
            if (!segments[i].isEmpty()) {
                return Optional.of(segments[i]);
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HookRequest that && path.equals(that.path) && headers.equals(that.headers)
                && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * path.hashCode() + headers.hashCode()) + Arrays.hashCode(body);
    }

    // Headers carry credentials and the path may carry a secret: neither belongs in a log line.
    @Override
    public String toString() {
        return "HookRequest[" + body.length + " bytes, headers=" + headers.keySet() + "]";
    }
}
