package org.breachline.hooks;

/** The payload formats an alert source can be configured with, each with its parser. */
public enum PayloadFormat {
    // Alertmanager re-sends only after a 5xx, Grafana and Splunk never (reference/alerts/README.md, "Retries").
    ALERTMANAGER(new AlertmanagerParser(), false),
    GRAFANA(new GrafanaParser(), false),
    SPLUNK(new SplunkParser(), false),
    // Kibana's connector retries a 429 after its Retry-After; our generic format asks its senders to.
    ELASTIC(new ElasticParser(), true),
    GENERIC(new GenericParser(), true);

    private final AlertParser parser;
    private final boolean senderRetriesTooManyRequests;

    PayloadFormat(AlertParser parser, boolean senderRetriesTooManyRequests) {
        this.parser = parser;
        this.senderRetriesTooManyRequests = senderRetriesTooManyRequests;
    }

    /** Whether this format's senders send a delivery again after a 429, so that refusing one loses nothing. */
    public boolean senderRetriesTooManyRequests() {
        return senderRetriesTooManyRequests;
    }

    /** The parser for this format; stateless and shared. */
    public AlertParser parser() {
        return parser;
    }
}
