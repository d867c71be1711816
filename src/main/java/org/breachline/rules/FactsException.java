package org.breachline.rules;

/**
 * Facts that cannot be read: names the field at fault (a dotted path such as {@code events.ransomPaidAt} or
 * {@code sectors[1]}) and says what is wrong, so that an HTTP layer can answer 400 with both.
 */
public final class FactsException extends RuntimeException {

    private final String field;
    private final String problem;

    public FactsException(String field, String problem) {
        super(field.isEmpty() ? "the facts " + problem : field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The dotted path of the field at fault; empty when the document as a whole is. */
    public String field() {
        return field;
    }

    /** What is wrong with it, in words, without the field's name. */
    public String problem() {
        return problem;
    }
}
