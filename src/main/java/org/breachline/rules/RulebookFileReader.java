package org.breachline.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.Reader;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads one YAML rulebook file (a list of entries) strictly, remembering the line where each entry starts. */
final class RulebookFileReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RulebookFileReader() {
    }

    /** An entry of a file with the line it starts on. */
    record Located<T>(T value, String file, int line) {
    }

    static <T> List<Located<T>> read(String file, Reader source, Class<T> type) {
        List<Located<T>> entries = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(source)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return entries;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new RulebookException(file, line(parser), "expected a list of entries (each starting with '- ')");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentTokenLocation().getLineNr();
                Map<String, Integer> lines = new HashMap<>();
                TokenBuffer entry = buffer(parser, lines);
                try (JsonParser entryParser = entry.asParser(YAML)) {
                    entries.add(new Located<>(YAML.readValue(entryParser, type), file, line));
                } catch (JsonMappingException e) {
                    throw new RulebookException(file, lineOf(e, lines, line), problem(e), e);
                }
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw new RulebookException(file, line(parser), "expected an entry (a mapping) in the list");
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RulebookException(file, line, problem(e), e);
        } catch (IOException e) {
            throw new RulebookException(file, 0, "cannot be read: " + e.getMessage(), e);
        }
        return entries;
    }

    /**
     * Copies one entry into a buffer, noting the line of every key and value by its JSON pointer: Jackson reports
     * some problems (unknown keys of records) only at the end of the entry, and the pointer finds the real line.
     */
    private static TokenBuffer buffer(JsonParser parser, Map<String, Integer> lines) throws IOException {
        TokenBuffer buffer = new TokenBuffer(parser);
        int depth = 0;
        do {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            int slash = pointer.indexOf('/', 1);
            lines.putIfAbsent(slash < 0 ? "" : pointer.substring(slash), parser.currentTokenLocation().getLineNr());
            buffer.copyCurrentEvent(parser);
            JsonToken token = parser.currentToken();
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        } while (depth > 0 && parser.nextToken() != null);
        return buffer;
    }

    private static int lineOf(JsonMappingException e, Map<String, Integer> lines, int entryLine) {
        StringBuilder pointer = new StringBuilder();
        int best = entryLine;
        for (JsonMappingException.Reference reference : e.getPath()) {
            pointer.append('/').append(reference.getFieldName() != null ? reference.getFieldName()
                    : String.valueOf(reference.getIndex()));
            best = lines.getOrDefault(pointer.toString(), best);
        }
        return best;
    }

    private static int line(JsonParser parser) {
        return parser.currentLocation().getLineNr();
    }

    private static String problem(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m) : "";
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : " (known keys: " + u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            return "unknown key '" + u.getPropertyName() + "'" + where(path) + known;
        }
        if (e instanceof InvalidTypeIdException t) {
            return "bad clock kind '" + t.getTypeId() + "'" + where(path)
                    + " (allowed: ELAPSED, CALENDAR_DAYS, BUSINESS_DAYS, MONTHS, AT_EVENT, WITHOUT_FIXED_DEADLINE,"
                    + " EARLIEST_OF)";
        }
        if (e instanceof InvalidFormatException f) {
            Class<?> target = f.getTargetType();
            if (target != null && target.isEnum()) {
                return "bad value '" + f.getValue() + "'" + where(path) + " (allowed: "
                        + Arrays.stream(target.getEnumConstants()).map(c -> enumText((Enum<?>) c))
                        .collect(Collectors.joining(", ")) + ")";
            }
            if (target == java.time.Duration.class || target == java.time.Period.class) {
                return "bad duration '" + f.getValue() + "'" + where(path) + " (ISO-8601, e.g. PT72H or P30D)";
            }
            return "bad value '" + f.getValue() + "'" + where(path) + ": " + f.getOriginalMessage();
        }
        return e.getOriginalMessage() + where(path);
    }

    private static String enumText(Enum<?> constant) {
        return constant instanceof ComparisonOperator op ? op.symbol() : constant.name();
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : " at " + path;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
