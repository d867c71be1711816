package org.breachline.notify;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One element a law (or regulator guidance) wants a notice to carry, with where it says so and how the catalog checks
 * it. A missing {@link Force#REQUIRED} element refuses the template; a missing {@link Force#GUIDANCE} one is a warning.
 */
public record LegalElement(String name, String citation, ElementCheck check, Force force) {

    /** Whether a template lacking the element is refused or only warned about. */
    public enum Force { REQUIRED, GUIDANCE }

    public LegalElement {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(citation, "citation");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(force, "force");
    }

    static LegalElement heading(String text, String citation) {
        return new LegalElement("heading \"" + text + "\"", citation, new ElementCheck.Heading(text), Force.REQUIRED);
    }

    static LegalElement slot(String name, String citation, String... variables) {
        return new LegalElement(name + " (variable " + String.join(" or ", variables) + ")", citation,
                new ElementCheck.AnyVariable(Set.of(variables)), Force.REQUIRED);
    }

    static LegalElement phrase(String name, String citation, String... phrases) {
        return new LegalElement(name + " (wording such as \"" + phrases[0] + "\")", citation,
                new ElementCheck.AnyPhrase(List.of(phrases)), Force.REQUIRED);
    }

    static LegalElement forbidden(String name, String citation, String... variables) {
        return new LegalElement(name + " (variable " + String.join(" or ", variables) + ")", citation,
                new ElementCheck.NoVariable(Set.of(variables)), Force.REQUIRED);
    }

    /** How a part falls short of this element, for messages: "lacks X" or, for forbidden content, "states X". */
    String shortfall() {
        return (check instanceof ElementCheck.NoVariable ? "states what the law forbids: " : "lacks ") + name;
    }

    static LegalElement guidanceSlot(String name, String citation, String... variables) {
        return new LegalElement(name + " (variable " + String.join(" or ", variables) + ")", citation,
                new ElementCheck.AnyVariable(Set.of(variables)), Force.GUIDANCE);
    }

    static LegalElement headingsInOrder(String citation, String... headings) {
        return new LegalElement("headings in the order " + String.join(", ", headings), citation,
                new ElementCheck.HeadingsInOrder(List.of(headings)), Force.GUIDANCE);
    }
}
