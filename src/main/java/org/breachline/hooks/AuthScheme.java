package org.breachline.hooks;

/** How an alert source proves that a delivery comes from it; chosen per source. */
public enum AuthScheme {
    /** {@code webhook-id}/{@code webhook-timestamp}/{@code webhook-signature} HMAC headers; needs the secret itself. */
    STANDARD_WEBHOOKS(false),
    /** {@code Authorization: Bearer <secret>}; Alertmanager, Grafana and Kibana can all send it. */
    BEARER(true),
    /** The secret as the last path segment, for senders that can set nothing else (Splunk). The weakest scheme. */
    SECRET_PATH(true),
    /** Grafana's own {@code X-Grafana-Alerting-Signature} HMAC header; needs the secret itself. */
    GRAFANA_HMAC(false);

    private final boolean verifiableByHash;

    AuthScheme(boolean verifiableByHash) {
        this.verifiableByHash = verifiableByHash;
    }

    /**
     * True when the sender presents the secret itself, so that we can store only its hash; false for HMAC schemes,
     * where we must compute the same MAC and so must keep the secret (encrypted at rest by the service).
     */
    public boolean verifiableByHash() {
        return verifiableByHash;
    }
}
