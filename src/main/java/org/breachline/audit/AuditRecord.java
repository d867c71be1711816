package org.breachline.audit;

import java.time.Instant;

/** A stored audit entry with its place in the hash chain. */
public record AuditRecord(long seq, Instant at, String actor, String action, String recordType, String recordId,
                          String details, String prevHash, String hash) {
}
