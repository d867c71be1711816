package org.breachline.notify;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the catalog tells that a template carries a legal element. */
public sealed interface ElementCheck {

    /** Whether {@code part} carries the element. */
    boolean isMetBy(TemplatePart part);

    /**
     * A prescribed heading or title shown unconditionally as a block of its own. Matched case-insensitively with an
     * optional trailing "?" or "." (notice-content.md: headings are text, not markup).
     */
    record Heading(String text) implements ElementCheck {
        @Override
        public boolean isMetBy(TemplatePart part) {
            String wanted = normalise(text);
            return part.unconditionalBlocks().stream().map(Heading::normalise).anyMatch(wanted::equals);
        }

        static String normalise(String block) {
            String s = block.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            // Plain-text parts may decorate headings like Markdown: "## What Happened?" or "**What Happened?**".
            s = s.replaceAll("^[#*_=\\s]+", "").replaceAll("[#*_=\\s]+$", "");
            return s.replaceAll("[?.:]$", "").strip();
        }
    }

    /** Headings that, where present, appear in this order (the first block matching each). */
    record HeadingsInOrder(List<String> headings) implements ElementCheck {
        public HeadingsInOrder {
            headings = List.copyOf(headings);
        }

        @Override
        public boolean isMetBy(TemplatePart part) {
            List<String> blocks = part.unconditionalBlocks().stream().map(Heading::normalise).toList();
            int previous = -1;
            for (String heading : headings) {
                int index = blocks.indexOf(Heading.normalise(heading));
                if (index < 0) {
                    continue; // absence is the Heading check's business
                }
                if (index < previous) {
                    return false;
                }
                previous = index;
            }
            return true;
        }
    }

    /** A slot for a fact: the part uses at least one of these variables (as a value or a section). */
    record AnyVariable(Set<String> names) implements ElementCheck {
        public AnyVariable {
            names = Set.copyOf(names);
        }

        @Override
        public boolean isMetBy(TemplatePart part) {
            return names.stream().anyMatch(part.variables()::contains);
        }
    }

    /** Content the law forbids: the part uses none of these variables. */
    record NoVariable(Set<String> names) implements ElementCheck {
        public NoVariable {
            names = Set.copyOf(names);
        }

        @Override
        public boolean isMetBy(TemplatePart part) {
            return names.stream().noneMatch(part.variables()::contains);
        }
    }

    /**
     * Fixed wording a law requires (a right, a procedure): the unconditional text contains one of these phrases,
     * case-insensitively. Only meaningful for templates in the phrases' language.
     */
    record AnyPhrase(List<String> phrases) implements ElementCheck {
        public AnyPhrase {
            phrases = List.copyOf(phrases);
        }

        @Override
        public boolean isMetBy(TemplatePart part) {
            String text = String.join(" ", part.unconditionalBlocks()).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
            return phrases.stream().anyMatch(phrase -> text.contains(phrase.toLowerCase(Locale.ROOT)));
        }
    }

    /** No CSS font size below {@code points} in the part's source (pixels count at 96 per inch, 0.75 pt each). */
    record MinimumFontSize(double points) implements ElementCheck {
        private static final Pattern FONT_SIZE = Pattern.compile("font-size\\s*:\\s*([0-9.]+)\\s*(pt|px)", Pattern.CASE_INSENSITIVE);

        @Override
        public boolean isMetBy(TemplatePart part) {
            Matcher m = FONT_SIZE.matcher(part.source());
            while (m.find()) {
                double size = Double.parseDouble(m.group(1));
                double inPoints = m.group(2).equalsIgnoreCase("px") ? size * 0.75 : size;
                if (inPoints < points) {
                    return false;
                }
            }
            return true;
        }
    }
}
