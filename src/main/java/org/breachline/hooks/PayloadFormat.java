package org.breachline.hooks;

/** The payload formats an alert source can be configured with, each with its parser. */
public enum PayloadFormat {
    ALERTMANAGER(new AlertmanagerParser()),
    GRAFANA(new GrafanaParser()),
    SPLUNK(new SplunkParser()),
    ELASTIC(new ElasticParser()),
    GENERIC(new GenericParser());

    private final AlertParser parser;

    PayloadFormat(AlertParser parser) {
        this.parser = parser;
    }

    /** The parser for this format; stateless and shared. */
    public AlertParser parser() {
        return parser;
    }
}
