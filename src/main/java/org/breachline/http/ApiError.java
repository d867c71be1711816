package org.breachline.http;

import java.util.List;

/** The one error body every 4xx and 5xx carries: a dotted code, a sentence for people, and the particulars. */
public record ApiError(String code, String message, List<Detail> details) {

    public ApiError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    /** One particular of an error: usually the field (dotted JSON path) and what is wrong with it. */
    public record Detail(String field, String problem) {
    }
}
