package org.breachline.rules;

import org.breachline.text.Echo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON shapes of facts-format.md: reads {@link Facts} strictly (unknown fields, times without a zone or offset and
 * wrong enum names are errors) and writes an {@link Evaluation} with {@code dueAt} as UTC {@code Z} strings.
 */
public final class RulesJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> FIELDS = Set.of("awareAt", "discoveredAt", "determinedAt", "occurredAt",
            "timeZone", "establishment", "role", "sectors", "dataCategories", "encryption", "risk", "cause",
            "entitySize", "actsAsAgent", "affected", "events", "fulfilled");

    private RulesJson() {
    }

    /** Facts from a JSON document. */
    public static Facts readFacts(String json) {
        try {
            return readFacts(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    /** Facts from a JSON stream (not closed). */
    public static Facts readFacts(InputStream json) {
        try {
            return readFacts(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new FactsException("", "cannot be read: " + e.getMessage());
        }
    }

    /** Where the JSON broke, not Jackson's message, which quotes the offending text. */
    private static FactsException notJson(JsonProcessingException e) {
        var at = e.getLocation();
        String what = String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")
                ? "gives a field twice" : "is not valid JSON";
        return new FactsException("", what + (at == null ? ""
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }

    /** Facts from an already parsed JSON tree. */
    public static Facts readFacts(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new FactsException("", "must be a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new FactsException(Echo.member("", name), "is not a known field (known: " + FIELDS.stream().sorted()
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        Instant awareAt = time(json, "awareAt", "awareAt");
        if (awareAt == null) {
            throw new FactsException("awareAt", "is required");
        }
        return new Facts(awareAt, time(json, "discoveredAt", "discoveredAt"),
                time(json, "determinedAt", "determinedAt"), time(json, "occurredAt", "occurredAt"),
                zone(json), establishment(json), enumOf(json.get("role"), "role", Role.class),
                enums(json, "sectors", Sector.class), enums(json, "dataCategories", DataCategory.class),
                enumOf(json.get("encryption"), "encryption", Encryption.class),
                enumOf(json.get("risk"), "risk", Risk.class), enumOf(json.get("cause"), "cause", Cause.class),
                enumOf(json.get("entitySize"), "entitySize", EntitySize.class), actsAsAgent(json), affected(json),
                events(json), fulfilled(json));
    }

    /** The evaluation in the output shape of facts-format.md. */
    public static String writeEvaluation(Evaluation evaluation) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(evaluationTree(evaluation));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an evaluation", e);
        }
    }

    /** The evaluation as a JSON tree, for callers that embed it in a larger document. */
    public static ObjectNode evaluationTree(Evaluation evaluation) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode obligations = root.putArray("obligations");
        for (Obligation o : evaluation.obligations()) {
            ObjectNode node = obligations.addObject();
            node.put("ruleId", o.ruleId());
            node.put("jurisdiction", o.jurisdiction());
            node.put("recipient", o.recipient().name());
            node.put("dueAt", o.dueAt() == null ? null : utc(o.dueAt()));
            node.put("deadlineKind", o.deadlineKind().name());
            if (o.targetAt() != null) {
                node.put("targetAt", utc(o.targetAt()));
            }
            node.put("basis", o.basis());
            node.put("citation", o.citation());
            if (o.phase() != null) {
                node.put("phase", o.phase());
            }
        }
        ArrayNode notRequired = root.putArray("notRequired");
        for (NotRequired n : evaluation.notRequired()) {
            notRequired.addObject().put("ruleId", n.ruleId()).put("jurisdiction", n.jurisdiction())
                    .put("reason", n.reason());
        }
        return root;
    }

    /**
     * The rule list (for {@code rules list}): per rule its id, jurisdiction, recipient, phase, clock in words,
     * citation, status and effective dates.
     */
    public static ArrayNode rulesTree(java.util.List<Rule> rules) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Rule rule : rules) {
            ObjectNode node = list.addObject();
            node.put("id", rule.id());
            node.put("jurisdiction", rule.jurisdiction());
            node.put("recipient", rule.recipient().name());
            if (rule.phase() != null) {
                node.put("phase", rule.phase());
            }
            node.put("clock", rule.clock().describe());
            node.put("citation", rule.fullCitation());
            node.put("status", rule.status().name());
            node.put("effectiveFrom", rule.effectiveFrom() == null ? null : rule.effectiveFrom().toString());
            node.put("effectiveTo", rule.effectiveTo() == null ? null : rule.effectiveTo().toString());
        }
        return list;
    }

    private static String utc(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static Instant time(JsonNode parent, String name, String path) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new FactsException(path, "must be an ISO-8601 date-time string with a zone or offset");
        }
        String text = node.asText();
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.ISO_ZONED_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            if (isLocal(text)) {
                throw new FactsException(path, Echo.quoted(text) + " has no zone or offset; every time must carry one,"
                        + " e.g. 2026-03-06T09:00:00+01:00 or 2026-03-06T08:00:00Z");
            }
            throw new FactsException(path, Echo.quoted(text) + " is not an ISO-8601 date-time with a zone or offset");
        }
    }

    private static boolean isLocal(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static ZoneId zone(JsonNode json) {
        JsonNode node = json.get("timeZone");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return ZoneId.of(node.asText());
        } catch (DateTimeException e) {
            throw new FactsException("timeZone", Echo.quoted(node.asText()) + " is not an IANA time zone such as"
                    + " Europe/Berlin");
        }
    }

    private static String establishment(JsonNode json) {
        JsonNode node = json.get("establishment");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !Jurisdiction.isCountry(node.asText())) {
            throw new FactsException("establishment", "must be an ISO 3166-1 alpha-2 country code such as DE");
        }
        return node.asText();
    }

    private static boolean actsAsAgent(JsonNode json) {
        JsonNode node = json.get("actsAsAgent");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new FactsException("actsAsAgent", "must be true or false");
        }
        return node.asBoolean();
    }

    private static <E extends Enum<E>> E enumOf(JsonNode node, String path, Class<E> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        if (!node.isTextual()) {
            throw new FactsException(path, "must be one of " + allowed);
        }
        try {
            return Enum.valueOf(type, node.asText());
        } catch (IllegalArgumentException e) {
            throw new FactsException(path, Echo.quoted(node.asText()) + " is not one of " + allowed);
        }
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode json, String name, Class<E> type) {
        JsonNode node = json.get(name);
        Set<E> values = EnumSet.noneOf(type);
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new FactsException(name, "must be an array");
        }
        for (int i = 0; i < node.size(); i++) {
            values.add(enumOf(node.get(i), name + "[" + i + "]", type));
        }
        return values;
    }

    private static Map<String, Integer> affected(JsonNode json) {
        Map<String, Integer> affected = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields(json, "affected")) {
            String path = Echo.member("affected", entry.getKey());
            if (!Jurisdiction.isValid(entry.getKey())) {
                throw new FactsException(path, Jurisdiction.problemWith(entry.getKey()));
            }
            JsonNode count = entry.getValue();
            if (!count.canConvertToInt() || !count.isIntegralNumber() || count.asInt() < 0) {
                throw new FactsException(path, "must be a whole number of people, 0 or more");
            }
            affected.put(entry.getKey(), count.asInt());
        }
        return affected;
    }

    private static Map<IncidentEvent, Instant> events(JsonNode json) {
        Map<IncidentEvent, Instant> events = new EnumMap<>(IncidentEvent.class);
        for (Map.Entry<String, JsonNode> entry : fields(json, "events")) {
            String path = Echo.member("events", entry.getKey());
            IncidentEvent event = IncidentEvent.fromJsonName(entry.getKey()).orElseThrow(() -> new FactsException(
                    path, "is not a known event (known: " + Arrays.stream(IncidentEvent.values())
                    .map(IncidentEvent::jsonName).collect(Collectors.joining(", ")) + ")"));
            Instant when = time(json.get("events"), entry.getKey(), path);
            if (when != null) {
                events.put(event, when);
            }
        }
        return events;
    }

    private static Map<String, Instant> fulfilled(JsonNode json) {
        Map<String, Instant> fulfilled = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : fields(json, "fulfilled")) {
            Instant when = time(json.get("fulfilled"), entry.getKey(), Echo.member("fulfilled", entry.getKey()));
            if (when != null) {
                fulfilled.put(entry.getKey(), when);
            }
        }
        return fulfilled;
    }

    private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode json, String name) {
        JsonNode node = json.get(name);
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (!node.isObject()) {
            throw new FactsException(name, "must be a JSON object");
        }
        return node::fields;
    }
}
