package org.breachline.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light scan of Mustache source, before compiling, for what the compiled tree does not expose: tags we forbid and
 * the text shown whatever the values are (outside every section), where prescribed headings must sit.
 */
final class MustacheSource {
    private static final Pattern TAG = Pattern.compile("\\{\\{(\\{?)(.*?)\\}\\}\\}?", Pattern.DOTALL);
    // Stands in for a value inside literal text, so that "What {{x}} Happened" never matches a heading.
    private static final String VALUE_MARK = "\u0000";

    private MustacheSource() {
    }

    /** Problems with tags this project does not allow in {@code source}; {@code html} also forbids unescaped values. */
    static List<String> forbiddenTags(String source, boolean html) {
        List<String> problems = new ArrayList<>();
        Matcher m = TAG.matcher(source);
        while (m.find()) {
            String body = m.group(2).strip();
            boolean triple = !m.group(1).isEmpty();
            if (body.startsWith(">") || body.startsWith("<") || body.startsWith("+") || body.startsWith("$")) {
                problems.add("uses a partial or template inheritance ({{" + body + "}}), which templates may not use");
            } else if (body.startsWith("=")) {
                problems.add("changes the delimiters ({{" + body + "}}), which templates may not do");
            } else if (html && (triple || body.startsWith("&"))) {
                problems.add("writes a value unescaped in the html part ({{" + (triple ? "{" : "") + body
                        + (triple ? "}" : "") + "}}); every value in HTML must be escaped");
            }
        }
        return problems;
    }

    /** The literal text outside every section, with each value tag replaced by a marker. */
    static String unconditionalText(String source) {
        StringBuilder text = new StringBuilder();
        int depth = 0;
        int last = 0;
        Matcher m = TAG.matcher(source);
        while (m.find()) {
            if (depth == 0) {
                text.append(source, last, m.start());
            }
            last = m.end();
            String body = m.group(2).strip();
            if (body.startsWith("#") || body.startsWith("^")) {
                depth++;
            } else if (body.startsWith("/")) {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && !body.startsWith("!")) {
                text.append(VALUE_MARK);
            }
        }
        if (depth == 0) {
            text.append(source.substring(last));
        }
        return text.toString();
    }

    /** Blocks of an HTML part: the text between tags, with common entities decoded. */
    static List<String> htmlBlocks(String unconditionalText) {
        List<String> blocks = new ArrayList<>();
        for (String block : unconditionalText.split("<[^>]*>")) {
            String decoded = block.replace("&nbsp;", " ").replace("&#39;", "'").replace("&apos;", "'")
                    .replace("&rsquo;", "'").replace("&quot;", "\"").replace("&amp;", "&").strip();
            if (!decoded.isEmpty()) {
                blocks.add(decoded);
            }
        }
        return blocks;
    }

    /** Blocks of a plain-text part: its non-blank lines. */
    static List<String> textBlocks(String unconditionalText) {
        return unconditionalText.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
