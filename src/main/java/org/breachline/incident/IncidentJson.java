package org.breachline.incident;

import org.breachline.rules.DataCategory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON text stored in the incident's structured columns (lists and maps the schema keeps as documents). */
final class IncidentJson {
    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private IncidentJson() {
    }

    static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T read(String json, TypeReference<T> type, T absent) {
        if (json == null) {
            return absent;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored incident document is not readable", e);
        }
    }

    static final TypeReference<List<DataCategory>> CATEGORIES = new TypeReference<>() { };
    static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() { };
    static final TypeReference<Map<IncidentEvent, Instant>> EVENTS = new TypeReference<>() { };
    static final TypeReference<ControllerContact> CONTACT = new TypeReference<>() { };
}
