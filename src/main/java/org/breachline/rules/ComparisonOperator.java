package org.breachline.rules;

import com.fasterxml.jackson.annotation.JsonValue;

/** A count comparison exactly as a statute words it: "more than 500" is {@code >}, "500 or more" is {@code >=}. */
public enum ComparisonOperator {
    MORE_THAN(">"), AT_LEAST(">="), FEWER_THAN("<"), AT_MOST("<=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    @JsonValue
    public String symbol() {
        return symbol;
    }

    boolean holds(int count, int value) {
        return switch (this) {
            case MORE_THAN -> count > value;
            case AT_LEAST -> count >= value;
            case FEWER_THAN -> count < value;
            case AT_MOST -> count <= value;
        };
    }

    /** Why a count fails this comparison, in words: "fewer than 250 Texas residents (249)". */
    String failure(int value, String what, int count) {
        String bound = switch (this) {
            case MORE_THAN -> "not more than " + value;
            case AT_LEAST -> "fewer than " + value;
            case FEWER_THAN -> value + " or more";
            case AT_MOST -> "more than " + value;
        };
        return bound + " " + what + " (" + count + ")";
    }
}
