package org.breachline.notify;

import com.github.mustachejava.Mustache;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders a notice for one person from the catalog: picks the template for their locale and jurisdiction, fills it
 * with the incident's and the person's variables, HTML-escaping values in the HTML part only, and keeps SMS within
 * the configured number of segments. Thread-safe.
 */
public final class NoticeRenderer {
    private final TemplateCatalog catalog;
    private final int maxSmsSegments;

    /** @param maxSmsSegments the most segments an SMS may take (Twilio recommends at most 2, i.e. 320 GSM characters) */
    public NoticeRenderer(TemplateCatalog catalog, int maxSmsSegments) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        if (maxSmsSegments < 1) {
            throw new IllegalArgumentException("maxSmsSegments must be at least 1");
        }
        this.maxSmsSegments = maxSmsSegments;
    }

    /**
     * Renders the notice of {@code kind} on {@code channel} for a person.
     *
     * @param locale the person's BCP 47 tag, or null for the default language
     * @param jurisdiction the person's ISO 3166 country or subdivision, or null
     * @param variables incident facts and person fields, named as {@code templates/README.md} documents: strings,
     *     numbers, booleans (flags for sections) or collections of strings (lists); null values count as not given
     * @throws IllegalArgumentException if a variable is not one of the kind's or has another type
     * @throws NoTemplateException if no template fits the person
     * @throws SmsTooLongException if an SMS would take more than the configured segments
     */
    public RenderedNotice render(NoticeKind kind, Channel channel, String locale, String jurisdiction, Map<String, ?> variables) {
        Map<String, Object> scope = scope(kind, variables);
        // The webhook shows the person's e-mail notice in the product: same template, same legal elements.
        NoticeTemplate template = catalog.resolve(kind, channel.templates(), locale, jurisdiction);
        Set<String> unset = new TreeSet<>(template.valueVariables());
        unset.removeAll(scope.keySet());
        if (channel.templates() == Channel.SMS) {
            String text = execute(template.text(), scope).strip();
            SmsSegmentCount count = SmsSegments.count(text);
            if (count.segments() > maxSmsSegments) {
                throw new SmsTooLongException(template.file(), count, maxSmsSegments);
            }
            return new RenderedNotice.Sms(template.file(), text, count, unset);
        }
        // A line break in a header would let a value inject headers: the subject is always one line.
        String subject = execute(template.subject().orElseThrow(), scope).replaceAll("[\\r\\n\\t]+", " ").strip();
        String html = execute(template.html().orElseThrow(), scope).strip();
        String text = execute(template.text(), scope).strip();
        return new RenderedNotice.Email(template.file(), subject, html, text, unset);
    }

    /** Renders the notice for each sample person with the same incident variables, reporting failures per person. */
    public List<NoticePreview> preview(NoticeKind kind, Channel channel, Map<String, ?> incidentVariables, List<SamplePerson> people) {
        List<NoticePreview> previews = new ArrayList<>();
        for (SamplePerson person : people) {
            Map<String, Object> variables = new HashMap<>(incidentVariables);
            variables.putAll(person.variables());
            try {
                previews.add(new NoticePreview.Rendered(person, render(kind, channel, person.locale(), person.jurisdiction(), variables)));
            } catch (NoTemplateException | SmsTooLongException e) {
                previews.add(new NoticePreview.Failed(person, e.getMessage()));
            }
        }
        return previews;
    }

    private static Map<String, Object> scope(NoticeKind kind, Map<String, ?> variables) {
        Map<String, Object> scope = new HashMap<>();
        Set<String> unknown = new TreeSet<>();
        for (var entry : variables.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (!kind.variables().contains(name)) {
                unknown.add(name);
                continue;
            }
            if (value == null || (value instanceof String s && s.isEmpty())) {
                continue;
            }
            if (value instanceof Collection<?> list) {
                if (!list.stream().allMatch(String.class::isInstance)) {
                    throw new IllegalArgumentException("variable " + name + " must be a list of strings");
                }
                if (!list.isEmpty()) {
                    scope.put(name, List.copyOf(list));
                }
            } else if (value instanceof String || value instanceof Boolean || value instanceof Number) {
                scope.put(name, value);
            } else {
                // Anything else would render through toString, or expose its getters to templates.
                throw new IllegalArgumentException("variable " + name + " must be a string, number, boolean or list of strings");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not variables of " + kind.folder() + ": " + String.join(", ", unknown));
        }
        return scope;
    }

    private static String execute(Mustache mustache, Map<String, Object> scope) {
        var writer = new StringWriter();
        mustache.execute(writer, scope);
        return writer.toString();
    }
}
