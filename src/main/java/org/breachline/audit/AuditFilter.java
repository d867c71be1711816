package org.breachline.audit;

/** Optional filters of the audit listing; null means "any". */
public record AuditFilter(String action, String recordType, String recordId, String actor) {
}
