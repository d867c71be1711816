package org.breachline.rules;

/** A rulebook file that cannot be loaded; the message names the file, the line and the problem. */
public final class RulebookException extends RuntimeException {

    private final String file;
    private final int line;

    public RulebookException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public RulebookException(String file, int line, String problem, Throwable cause) {
        this(file, line, problem);
        initCause(cause);
    }

    /** The file at fault (a classpath resource or a path). */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, or 0 when the file as a whole is at fault. */
    public int line() {
        return line;
    }
}
