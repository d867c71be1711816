package org.breachline.notify;

import java.util.List;
import java.util.stream.Collectors;

/** The templates folder cannot be used: lists every refused file with its reasons, so all can be fixed in one go. */
public final class TemplateRejectedException extends RuntimeException {
    private final List<TemplateProblem> problems;

    public TemplateRejectedException(List<TemplateProblem> problems) {
        super("templates refused:\n  " + problems.stream().map(TemplateProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<TemplateProblem> problems() {
        return problems;
    }
}
