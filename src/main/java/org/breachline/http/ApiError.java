package org.breachline.http;

import org.breachline.text.Abbreviation;

import java.util.List;

/** The one error body every 4xx and 5xx carries: a dotted code, a sentence for people, and the particulars. */
public record ApiError(String code, String message, List<Detail> details) {

    /**
     * Far above any sentence we write: a bound for the one that quotes a client's text at a place that forgot
     * {@link org.breachline.text.Echo}, so an error body never grows with the request.
     */
    static final int MAX_TEXT = 2_000;
    /** Beyond this many particulars a client learns nothing more; a body of 100,000 bad items is not repeated. */
    static final int MAX_DETAILS = 100;

    public ApiError {
        message = bounded(message);
        details = details == null ? List.of() : List.copyOf(details.size() > MAX_DETAILS
                ? details.subList(0, MAX_DETAILS) : details);
    }

    static String bounded(String text) {
        return Abbreviation.of(text, MAX_TEXT);
    }

    /** One particular of an error: usually the field (dotted JSON path) and what is wrong with it. */
    public record Detail(String field, String problem) {
        public Detail {
            field = bounded(field);
            problem = bounded(problem);
        }
    }
}
