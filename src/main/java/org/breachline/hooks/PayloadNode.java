package org.breachline.hooks;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.breachline.text.StorableText;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON node of a sender's payload together with its path, so that every validation failure can say where it is.
 * Reading is tolerant (unknown keys are simply never asked for) but typed: a key we need must have the JSON type we
 * need.
 */
final class PayloadNode {

    // Hook payloads are read with a mapper of their own: the API's strict request mapper must not apply to them, and
    // nothing here binds to classes, so unknown keys cannot fail. Trailing garbage after the document still does.
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    // Go's zero time.Time, which Alertmanager and Grafana send as endsAt while an alert fires: "no time".
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final JsonNode node;
    private final String path;

    private PayloadNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses a whole delivery; it must be a JSON object. */
    static PayloadNode parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedAlertException("$", "the body is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending token: only the location goes out.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new MalformedAlertException("$", "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new MalformedAlertException("$", "the body cannot be read as JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedAlertException("$", "the body is empty");
        }
        return new PayloadNode(root, "$").requireObject();
    }

    String path() {
        return path;
    }

    PayloadNode requireObject() {
        if (!node.isObject()) {
            throw wrongType("an object");
        }
        return this;
    }

    /** A required key holding an object. */
    PayloadNode object(String key) {
        return child(key).requirePresent().requireObject();
    }

    /** An optional key holding an object; absent or null reads as empty. */
    Optional<PayloadNode> optionalObject(String key) {
        PayloadNode child = child(key);
        return child.isAbsent() ? Optional.empty() : Optional.of(child.requireObject());
    }

    /** A required key holding a non-empty array. */
    List<PayloadNode> nonEmptyArray(String key) {
        PayloadNode child = child(key).requirePresent();
        if (!child.node.isArray()) {
            throw child.wrongType("an array");
        }
        if (child.node.isEmpty()) {
            throw new MalformedAlertException(child.path, "must hold at least one alert");
        }
        List<PayloadNode> items = new ArrayList<>(child.node.size());
        for (int i = 0; i < child.node.size(); i++) {
            items.add(new PayloadNode(child.node.get(i), child.path + "[" + i + "]"));
        }
        return items;
    }

    /** A required key holding a non-blank string. */
    String text(String key) {
        return optionalText(key).orElseThrow(() -> {
            PayloadNode child = child(key);
            return new MalformedAlertException(child.path,
                    child.isAbsent() ? "is required" : "must not be blank");
        });
    }

    /** A required key holding a non-blank string of at most {@code maxLength} characters. */
    String text(String key, int maxLength) {
        String text = text(key);
        if (text.length() > maxLength) {
            throw new MalformedAlertException(child(key).path, "must be at most " + maxLength + " characters");
        }
        return text;
    }

    /** An optional key holding a string; absent, null and blank all read as empty. */
    Optional<String> optionalText(String key) {
        PayloadNode child = child(key);
        if (child.isAbsent()) {
            return Optional.empty();
        }
        if (!child.node.isTextual()) {
            throw child.wrongType("a string");
        }
        String text = readable(child.node.textValue()).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * The text without control characters other than tab and line breaks, and without lone UTF-16 surrogates ("\ud800"
     * in JSON): a NUL cannot be stored in PostgreSQL's text, a lone surrogate has no UTF-8 form and would be stored as
     * '?', and a title of nothing but controls would pass for text here and be refused as blank by the incident.
     */
    static String readable(String text) {
        return StorableText.withoutUnstorable(text);
    }

    /**
     * An optional key holding an object of string values (labels, annotations); absent reads as empty, null values are
     * skipped, any other value type is malformed.
     */
    Map<String, String> stringMap(String key) {
        Optional<PayloadNode> object = optionalObject(key);
        if (object.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.get().node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                throw new PayloadNode(value, object.get().path + "." + field.getKey()).wrongType("a string");
            }
            map.put(readable(field.getKey()), readable(value.textValue()));
        }
        return map;
    }

    /** The key/value pairs of this object whose values are scalars or arrays of scalars, as text, in payload order. */
    Map<String, String> scalarFields() {
        Map<String, String> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                map.put(readable(field.getKey()), readable(value.asText()));
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> {
                    if (item.isValueNode() && !item.isNull()) {
                        items.add(readable(item.asText()));
                    }
                });
                map.put(readable(field.getKey()), String.join(", ", items));
            }
        }
        return map;
    }

    /**
     * An optional key holding an RFC 3339 time with an offset (Go writes {@code Z} or the server's offset, trailing
     * fraction zeros dropped); Go's zero time reads as empty.
     */
    Optional<Instant> optionalInstant(String key) {
        Optional<String> text = optionalText(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.get(), OffsetDateTime::from).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedAlertException(child(key).path, "must be an RFC 3339 time with an offset");
        }
        if (!instant.equals(GO_ZERO_TIME) && !org.breachline.http.StrictInstantDeserializer.storable(instant)) {
            throw new MalformedAlertException(child(key).path, "must be a time in the years 1 to 9999");
        }
        return instant.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(instant);
    }

    private PayloadNode child(String key) {
        JsonNode child = node.get(key);
        return new PayloadNode(child, path + "." + key);
    }

    private boolean isAbsent() {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private PayloadNode requirePresent() {
        if (isAbsent()) {
            throw new MalformedAlertException(path, "is required");
        }
        return this;
    }

    private MalformedAlertException wrongType(String expected) {
        return new MalformedAlertException(path, "must be " + expected + ", not " + typeName());
    }

    private String typeName() {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING, BINARY -> "a string";
            case NULL, MISSING -> "null";
        };
    }
}
