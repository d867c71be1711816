package org.breachline.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;

/**
 * Reads a duration only from an ISO-8601 string (PT1H, P30D). Jackson would read 123 as seconds, or as
 * milliseconds under another setting: a unit the sender may not have meant, for windows that decide whether an
 * alert opens an incident.
 */
public class StrictDurationDeserializer extends StdScalarDeserializer<Duration> {
    public StrictDurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
        }
        String text = p.getText().trim();
        try {
            return Duration.parse(text);
        } catch (DateTimeException e) {
            return (Duration) ctxt.handleWeirdStringValue(Duration.class, text, "not an ISO-8601 duration");
        }
    }
}
