package org.breachline.audit;

import org.jdbi.v3.core.Handle;

/**
 * Appends to the audit log inside the caller's transaction, so that a write and its audit entry are committed
 * together or not at all. Every feature that writes calls this once per write.
 */
public interface AuditLog {
    void record(Handle transaction, AuditEvent event);
}
