package org.breachline.notify;

/** One reason the catalog refused a template file (path relative to the templates folder). */
public record TemplateProblem(String file, String message) {
    @Override
    public String toString() {
        return file + ": " + message;
    }
}
