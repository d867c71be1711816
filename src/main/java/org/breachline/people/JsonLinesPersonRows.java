package org.breachline.people;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Rows of a JSON Lines file: one object per line; a line that is not a valid object rejects that line only. */
final class JsonLinesPersonRows implements PersonRows {
    // A person's row is well under a kilobyte; the cap keeps a corrupt file without newlines from filling the heap.
    static final int MAX_LINE_CHARS = 64 * 1024;
    private static final int MAX_KEY_SHOWN = 40;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final BufferedReader reader;
    private final RowValidator validator;
    private final StringBuilder line = new StringBuilder();
    private long lineNumber;
    private boolean lastWasCarriageReturn;
    private boolean ended;
    private RowOutcome pending;

    JsonLinesPersonRows(Reader reader, RowValidator validator) {
        this.reader = new BufferedReader(reader);
        this.validator = validator;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && !ended) {
            boolean tooLong = readLine();
            if (ended && line.length() == 0 && !tooLong) {
                break;
            }
            if (tooLong) {
                pending = RowOutcome.Rejected.of(lineNumber, "row", "line is longer than " + MAX_LINE_CHARS + " characters");
            } else if (!line.toString().isBlank()) {
                pending = parse(lineNumber, line.toString());
            }
        }
        return pending != null;
    }

    @Override
    public RowOutcome next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RowOutcome outcome = pending;
        pending = null;
        return outcome;
    }

    /** Reads the next physical line into {@link #line}; returns true if it was cut at the length cap. */
    private boolean readLine() {
        line.setLength(0);
        boolean tooLong = false;
        try {
            while (true) {
                int c = reader.read();
                if (c == -1) {
                    ended = true;
                    if (line.length() > 0 || tooLong) {
                        lineNumber++;
                    }
                    return tooLong;
                }
                if (c == '\n' && lastWasCarriageReturn) {
                    lastWasCarriageReturn = false;
                    continue; // the LF of a CR LF pair already ended the previous line
                }
                lastWasCarriageReturn = c == '\r';
                if (c == '\n' || c == '\r') {
                    lineNumber++;
                    return tooLong;
                }
                if (line.length() < MAX_LINE_CHARS) {
                    line.append((char) c);
                } else {
                    tooLong = true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RowOutcome parse(long number, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input, which is personal data: use a fixed reason.
            return RowOutcome.Rejected.of(number, "row", String.valueOf(e.getOriginalMessage())
                    .startsWith("Duplicate field") ? "line gives a key twice" : "line is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return RowOutcome.Rejected.of(number, "row", "line is not a JSON object");
        }
        Map<PersonField, String> values = new EnumMap<>(PersonField.class);
        List<RowProblem> problems = new ArrayList<>();
        for (var entry : node.properties()) {
            var field = PersonField.fromKey(entry.getKey());
            JsonNode value = entry.getValue();
            if (field.isEmpty()) {
                problems.add(new RowProblem("row", "unknown key " + shown(entry.getKey())));
            } else if (value.isNull()) {
                values.put(field.get(), null);
            } else if (value.isTextual()) {
                // Not a number: 0049151… or a reference 007 would lose its leading zeros, a phone its plus.
                values.put(field.get(), value.asText());
            } else {
                problems.add(new RowProblem(field.get().key(), field.get().key() + " must be a JSON string"));
            }
        }
        if (!problems.isEmpty()) {
            return new RowOutcome.Rejected(number, problems);
        }
        return validator.validate(number, values);
    }

    private static String shown(String key) {
        String safe = key.length() > MAX_KEY_SHOWN ? key.substring(0, MAX_KEY_SHOWN) + "…" : key;
        return "\"" + safe + "\"";
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
