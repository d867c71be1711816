package org.breachline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
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
}
