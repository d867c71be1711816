package org.breachline.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.breachline.text.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns Jackson's complaints about a request body into a 400 naming the field, without echoing the value
 * (bodies may hold personal data) or Jackson's internals; a field name the client made up is shown cut short.
 */
@Provider
public class JsonErrorMapper implements ExceptionMapper<JsonProcessingException> {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        var wrapped = ApiExceptionMapper.within(e);
        if (wrapped.isPresent()) {
            return ErrorResponses.of(wrapped.get().status(), wrapped.get().error());
        }
        ApiError error = describe(e);
        if (error == null) {
            // Failing to write a response is our fault, not the client's.
            LOG.error("JSON processing failed", e);
            return ErrorResponses.of(500, "server.error", "The server could not produce a response.");
        }
        return ErrorResponses.of(400, error);
    }

    public static ApiError describe(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return new ApiError("request.too_complex", "The request body is nested too deeply, or holds a number or "
                    + "name too long, to be read.", List.of());
        }
        JsonParseException duplicate = duplicateFieldIn(e);
        if (duplicate != null) {
            String field = pathAt(duplicate);
            return new ApiError("request.duplicate_field", "The request body gives " + field + " twice"
                    + location(duplicate) + "; give each field once.",
                    List.of(new ApiError.Detail(field, "is given twice")));
        }
        if (e instanceof JsonParseException || e.getClass().getSimpleName().contains("EOF")) {
            return new ApiError("request.malformed_json", "The request body is not valid JSON"
                    + location(e) + ".", List.of());
        }
        if (!(e instanceof JsonMappingException m)) {
            return null;
        }
        String field = path(m);
        if (m instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return single("request.unknown_field", field, "is not a known field"
                    + (known.isEmpty() ? "" : " (known: " + known + ")"));
        }
        if (m instanceof StorableStringDeserializer.UnstorableText t) {
            return single("request.invalid_field", field, t.problem());
        }
        if (m instanceof InvalidNullException) {
            return single("request.invalid_field", field, "must not be null");
        }
        if (m instanceof InvalidFormatException f && String.valueOf(f.getOriginalMessage())
                .startsWith("Cannot deserialize Map key")) {
            // Jackson reports a bad key at the map itself; the key is what the client has to fix.
            return single("request.invalid_field", Echo.member(field, String.valueOf(f.getValue())),
                    "is not an allowed key: keys " + expectation(f.getTargetType()));
        }
        if (m instanceof InvalidFormatException f) {
            return single("request.invalid_field", field, expectation(f.getTargetType()));
        }
        if (m.getCause() instanceof InputCoercionException tooBig) {
            // Jackson's mapping path stops at a map whose value overflowed; the parser still knows the key.
            return single("request.invalid_field", pathAt(tooBig), expectation(tooBig.getTargetType()));
        }
        if (m instanceof ValueInstantiationException v) {
            Throwable cause = v.getCause();
            String problem = cause != null && cause.getMessage() != null ? cause.getMessage() : "has an invalid value";
            return single("request.invalid_field", field, problem);
        }
        if (m instanceof MismatchedInputException && String.valueOf(m.getOriginalMessage()).startsWith("Trailing token")) {
            return new ApiError("request.malformed_json", "The request body has content after its JSON value.",
                    List.of());
        }
        if (m instanceof MismatchedInputException mi) {
            if (mi.getTargetType() == null && field.isEmpty()) {
                return new ApiError("request.malformed_json", "The request body is empty or not a JSON object.",
                        List.of());
            }
            return single("request.invalid_field", field.isEmpty() ? "(body)" : field, expectation(mi.getTargetType()));
        }
        if (m.getCause() instanceof java.time.DateTimeException) {
            return single("request.invalid_field", field, expectation(java.time.Instant.class));
        }
        return single("request.invalid_field", field.isEmpty() ? "(body)" : field, "has an invalid value");
    }

    private static ApiError single(String code, String field, String problem) {
        return new ApiError(code, field + " " + problem + ".", List.of(new ApiError.Detail(field, problem)));
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type == java.time.Duration.class) {
            return "must be an ISO-8601 duration such as PT1H or P30D";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 time with a zone or offset, in the years 1 to 9999, e.g. "
                    + "2026-03-06T09:00:00+01:00";
        }
        if (type == Integer.class || type == int.class) {
            return "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "must be a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                String parent = sb.toString();
                sb.setLength(0);
                sb.append(Echo.member(parent, ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The parser's complaint about a repeated field, which a map's deserializer wraps in one of its own. */
    private static JsonParseException duplicateFieldIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException p && String.valueOf(p.getOriginalMessage()).startsWith("Duplicate field")) {
                return p;
            }
        }
        return null;
    }

    /** The dotted path the parser had reached, from its own context: a parse error carries no mapping path. */
    private static String pathAt(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser)) {
            return "(body)";
        }
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        for (var context = parser.getParsingContext(); context != null && !context.inRoot();
             context = context.getParent()) {
            if (context.inArray()) {
                parts.addFirst("[" + context.getCurrentIndex() + "]");
            } else if (context.getCurrentName() != null) {
                parts.addFirst(Echo.member("", context.getCurrentName()));
            }
        }
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            if (!path.isEmpty() && !part.startsWith("[")) {
                path.append('.');
            }
            path.append(part);
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
    }
}
