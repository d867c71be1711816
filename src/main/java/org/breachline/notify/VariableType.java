package org.breachline.notify;

import java.util.List;

/**
 * The shape of a template variable as a campaign gives it (the type column of {@code templates/README.md}). Checked
 * when a draft is written: {@code "organizationName": 5} rendered as a notice from "5", and a flag given as the text
 * "false" is a non-empty value, so Mustache showed the section it was meant to hide.
 */
enum VariableType {
    TEXT("must be text"),
    LIST_OF_TEXT("must be a list of text such as [\"name\", \"e-mail address\"]"),
    FLAG("must be true or false");

    private final String expectation;

    VariableType(String expectation) {
        this.expectation = expectation;
    }

    boolean accepts(Object value) {
        return switch (this) {
            case TEXT -> value instanceof String;
            case LIST_OF_TEXT -> value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
            case FLAG -> value instanceof Boolean;
        };
    }

    String expectation() {
        return expectation;
    }
}
