package org.breachline.hooks;

/**
 * A delivery that cannot be read as its source's format; says where ({@link #path()}, JSONPath-like such as
 * {@code $.alerts[0].status}) and what is wrong, never the offending value, since payloads may hold personal data.
 */
public final class MalformedAlertException extends RuntimeException {

    /** The error code for the single error shape of the API. */
    public static final String CODE = "hook.payload_malformed";

    private final String path;
    private final String problem;

    public MalformedAlertException(String path, String problem) {
        super(path + ": " + problem, null, false, false);
        this.path = path;
        this.problem = problem;
    }

    /** Where in the payload the problem is; {@code $} is the whole body. */
    public String path() {
        return path;
    }

    /** What is wrong there, in words fit for the sender's operator. */
    public String problem() {
        return problem;
    }

    public String code() {
        return CODE;
    }
}
