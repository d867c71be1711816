package org.breachline.hooks;

/** Why a delivery was not authenticated, as the dotted code the API's error shape carries. */
public enum RejectionReason {
    /** The scheme's header (or path segment) is absent. */
    CREDENTIALS_MISSING("hook.credentials_missing"),
    /** A bearer token or path secret is present but wrong. */
    CREDENTIALS_INVALID("hook.credentials_invalid"),
    /** No signature in the header matches the body, or the header cannot be read. */
    SIGNATURE_INVALID("hook.signature_invalid"),
    /** The message id is longer than we keep ({@link StandardWebhooksAuthenticator#MAX_ID_LENGTH} characters). */
    MESSAGE_ID_INVALID("hook.message_id_invalid"),
    /** The timestamp header is not a whole number of seconds. */
    TIMESTAMP_INVALID("hook.timestamp_invalid"),
    /** The signed timestamp is further from our clock than the tolerance, in the past or the future. */
    TIMESTAMP_STALE("hook.timestamp_stale"),
    /**
     * A correctly signed message whose id was already accepted. Usually the sender retrying a delivery we stored but
     * whose answer it did not get, so the resource should answer it with a 2xx and do nothing, not with a 401 that
     * makes the sender retry again.
     */
    REPLAYED("hook.replayed");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
