package org.breachline.people;

import java.util.Objects;

/**
 * Why one field of an import row was refused. The reason never repeats the value: it is personal data and
 * rejections are shown to operators and may be logged.
 */
public record RowProblem(String field, String reason) {
    public RowProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }
}
