package org.breachline.notify;

import java.util.Objects;

/** One element a law requires a notice to carry, with where the law says so and how the catalog checks it. */
public record LegalElement(String name, String citation, ElementCheck check) {
    public LegalElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(check, "check");
    }

    static LegalElement heading(String text, String citation) {
        return new LegalElement("heading \"" + text + "\"", citation, new ElementCheck.Heading(text));
    }

    static LegalElement slot(String name, String citation, String... variables) {
        return new LegalElement(name + " (variable " + String.join(" or ", variables) + ")", citation,
                new ElementCheck.AnyVariable(java.util.Set.of(variables)));
    }
}
