package org.breachline.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Reads an instant only from an ISO-8601 string that says its zone or offset. A local time or an epoch number
 * would leave the deadline it feeds ambiguous, so both are refused; so is a time outside the years 1 to 9999, which
 * the databases cannot store as it is (H2 stored year 999999999 as a different time, PostgreSQL refuses it).
 */
public class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** Whether both databases store the instant as it is. */
    public static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    public StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
        }
        String text = p.getText().trim();
        try {
            Instant instant = ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
            if (!storable(instant)) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "outside the years 1 to 9999");
            }
            return instant;
        } catch (java.time.DateTimeException e) {
            return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not a time with a zone or offset");
        }
    }
}
