package org.breachline.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What is recorded about one write: who did which action to which record, with a few particulars. */
public record AuditEvent(String actor, String action, String recordType, String recordId, Map<String, ?> details) {
    public AuditEvent {
        // Particulars may be absent (a filing without a reference); Map.copyOf would refuse their nulls.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
