package org.breachline.people;

/** A problem with an import file as a whole (missing or unknown header, unreadable CSV); no row can be trusted. */
public final class ImportFileException extends RuntimeException {
    private final long line;

    public ImportFileException(long line, String message) {
        super(message);
        this.line = line;
    }

    /** The physical line where the problem was found, or 0 when it concerns the whole file. */
    public long line() {
        return line;
    }
}
