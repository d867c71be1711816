package org.breachline.hooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The three Standard Webhooks headers of one signed outgoing message. */
public record StandardWebhookHeaders(String id, String timestamp, String signature) {

    public StandardWebhookHeaders {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signature, "signature");
    }

    /** Header name to value, ready to put on the request. */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(StandardWebhooksAuthenticator.ID_HEADER, id);
        headers.put(StandardWebhooksAuthenticator.TIMESTAMP_HEADER, timestamp);
        headers.put(StandardWebhooksAuthenticator.SIGNATURE_HEADER, signature);
        return headers;
    }
}
