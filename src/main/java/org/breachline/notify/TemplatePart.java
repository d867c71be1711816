package org.breachline.notify;

import java.util.List;
import java.util.Set;

/**
 * What the legal checks see of one part of a template (the e-mail's HTML or text part): the variables it uses, the
 * blocks of text it always shows (outside any section; in HTML, the text between tags), and its source.
 */
public record TemplatePart(String name, Set<String> variables, List<String> unconditionalBlocks, String source) {
    public TemplatePart {
        variables = Set.copyOf(variables);
        unconditionalBlocks = List.copyOf(unconditionalBlocks);
    }
}
