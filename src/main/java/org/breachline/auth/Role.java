package org.breachline.auth;

/** What a token holder may do. Role names are used in {@code @RolesAllowed}, hence the constants. */
public enum Role {
    /** Everything, including the audit log and configuration. */
    ADMIN,
    /** Creates and edits incidents: the security and privacy team. */
    RESPONDER,
    /** DPO or legal: approves notices and records filings. */
    APPROVER,
    /** Reads everything, changes nothing. */
    AUDITOR;

    public static final String ADMIN_NAME = "ADMIN";
    public static final String RESPONDER_NAME = "RESPONDER";
    public static final String APPROVER_NAME = "APPROVER";
    public static final String AUDITOR_NAME = "AUDITOR";
}
