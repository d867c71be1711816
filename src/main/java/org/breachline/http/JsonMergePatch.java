package org.breachline.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** RFC 7396 JSON Merge Patch: objects merge member by member, null removes a member, anything else replaces it. */
public final class JsonMergePatch {
    private JsonMergePatch() {
    }

    /** Applies {@code patch} to {@code target} in place. */
    public static void apply(ObjectNode target, JsonNode patch) {
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject() && target.get(e.getKey()) instanceof ObjectNode existing) {
                apply(existing, value);
            } else if (value.isObject()) {
                // A patch object merged into nothing: its nulls still mean "absent" (RFC 7396, section 2).
                ObjectNode fresh = target.objectNode();
                apply(fresh, value);
                target.set(e.getKey(), fresh);
            } else {
                target.set(e.getKey(), value);
            }
        }
    }

    /** 400 {@code request.field_not_patchable} naming every member of the patch that is in {@code notPatchable}. */
    public static void rejectUnpatchable(JsonNode patch, Map<String, String> notPatchable) {
        List<ApiError.Detail> details = new ArrayList<>();
        patch.fieldNames().forEachRemaining(f -> {
            if (notPatchable.containsKey(f)) {
                details.add(new ApiError.Detail(f, notPatchable.get(f)));
            }
        });
        if (!details.isEmpty()) {
            throw ApiException.badRequest("request.field_not_patchable", details.get(0).field() + " "
                    + details.get(0).problem() + ".", details);
        }
    }

    /**
     * 400 {@code request.invalid_field} when the patch sets one of {@code required} to null, which in a merge patch
     * removes it: those fields always have a value (a default given at creation).
     */
    public static void rejectRemoval(JsonNode patch, java.util.Set<String> required) {
        for (String field : required) {
            if (patch.has(field) && patch.get(field).isNull()) {
                throw ApiException.invalidField(field, "cannot be removed; send a value instead of null");
            }
        }
    }

    /**
     * Reads the merged document as strictly as a request body (unknown fields, wrong-case enums, wrong types), with
     * the same 400 a body would get; {@code what} names the record in the fallback message ("the incident").
     */
    public static <T> T read(ObjectMapper mapper, ObjectNode merged, Class<T> type, String what) {
        try {
            return mapper.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            ApiError error = JsonErrorMapper.describe(e);
            if (error == null) {
                throw ApiException.badRequest("request.invalid_field", "The patch does not fit " + what + ".",
                        List.of());
            }
            throw new ApiException(400, error.code(), error.message(), error.details());
        }
    }
}
