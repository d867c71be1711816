package org.breachline.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a clock's {@code start}: an event name ({@code AWARENESS}) or {@code {fulfilmentOf: [rule ids]}}. */
final class ClockStartReader extends JsonDeserializer<ClockStart> {

    @Override
    public ClockStart deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String name = parser.getText();
            try {
                return new ClockStart.At(StartEvent.valueOf(name));
            } catch (IllegalArgumentException e) {
                return (ClockStart) context.handleWeirdStringValue(ClockStart.class, name,
                        "bad value for start; allowed: %s or {fulfilmentOf: [rule ids]}",
                        Arrays.toString(StartEvent.values()));
            }
        }
        JsonNode node = parser.readValueAsTree();
        if (node == null || !node.isObject() || node.size() != 1 || !node.has("fulfilmentOf")
                || !node.get("fulfilmentOf").isArray() || node.get("fulfilmentOf").isEmpty()) {
            return (ClockStart) context.reportInputMismatch(ClockStart.class,
                    "bad start: expected an event name or {fulfilmentOf: [rule ids]}");
        }
        List<String> ids = new ArrayList<>();
        node.get("fulfilmentOf").forEach(id -> ids.add(id.asText()));
        return new ClockStart.FulfilmentOf(ids);
    }
}
