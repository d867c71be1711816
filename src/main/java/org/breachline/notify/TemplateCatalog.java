package org.breachline.notify;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.ValueCode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every notice template of the {@code templates/} folder, compiled and checked when loaded: unknown variables, forbidden
 * tags and missing legal elements refuse the whole folder (startup fails) instead of surfacing at send time.
 * Resolves the template for a person by jurisdiction, then language, then the default language. Immutable, thread-safe.
 */
public final class TemplateCatalog {
    /** The language whose templates must exist for every kind and channel, and which serves people without a match. */
    public static final String DEFAULT_LANGUAGE = "en";
    static final String EXTENSION = ".mustache";
    private static final Pattern SECTION_MARKER = Pattern.compile("---\\s*([A-Za-z]+)\\s*---");
    private static final List<String> EMAIL_SECTIONS = List.of("subject", "html", "text");

    private final Map<NoticeKind, Map<Channel, Map<String, NoticeTemplate>>> templates;
    private final String defaultLanguage;
    private final List<TemplateProblem> warnings;

    private TemplateCatalog(Map<NoticeKind, Map<Channel, Map<String, NoticeTemplate>>> templates, String defaultLanguage,
            List<TemplateProblem> warnings) {
        this.templates = templates;
        this.defaultLanguage = defaultLanguage;
        this.warnings = List.copyOf(warnings);
    }

    /** Loads {@code folder} with English as the default language. */
    public static TemplateCatalog load(Path folder) {
        return load(folder, DEFAULT_LANGUAGE);
    }

    /**
     * Loads and checks every template under {@code folder} ({@code <kind>/<channel>/<variant>.mustache}).
     *
     * @throws TemplateRejectedException listing every problem found, if there is any
     */
    public static TemplateCatalog load(Path folder, String defaultLanguage) {
        return new Loader(folder, defaultLanguage).load();
    }

    /**
     * What regulator guidance (not law) wants and a loaded template lacks, such as California's heading order or the
     * GDPR guidance's advice to the person: log these at startup; they do not refuse the template.
     */
    public List<TemplateProblem> warnings() {
        return warnings;
    }

    /** Every loaded template. */
    public Collection<NoticeTemplate> templates() {
        return templates.values().stream().flatMap(byChannel -> byChannel.values().stream())
                .flatMap(byStem -> byStem.values().stream()).toList();
    }

    /**
     * The template for a person, trying in turn the variants {@link #candidates} lists and, for e-mail, skipping those
     * that lack an element the person's jurisdiction requires.
     *
     * @param locale the person's BCP 47 language tag, or null for the default language
     * @param jurisdiction the person's ISO 3166 country or subdivision code, or null if unknown
     * @throws NoTemplateException if no template fits
     */
    public NoticeTemplate resolve(NoticeKind kind, Channel channel, String locale, String jurisdiction) {
        Map<String, NoticeTemplate> variants = templates.getOrDefault(kind, Map.of()).getOrDefault(channel, Map.of());
        String normalisedJurisdiction = jurisdiction == null ? null : jurisdiction.strip().toUpperCase(Locale.ROOT);
        Set<NoticeLaw> required = channel == Channel.EMAIL ? requiredLaws(kind, normalisedJurisdiction) : Set.of();
        List<String> candidates = candidates(locale, normalisedJurisdiction);
        for (String stem : candidates) {
            NoticeTemplate template = variants.get(stem);
            if (template != null && template.laws().containsAll(required)) {
                return template;
            }
        }
        throw new NoTemplateException("no " + kind.folder() + " " + channel.folder() + " template for locale " + locale
                + " and jurisdiction " + jurisdiction
                + (required.isEmpty() ? "" : " that carries the elements " + required + " require")
                + " (tried " + String.join(", ", candidates) + ")");
    }

    /**
     * The variants tried for a person, most specific first: for the person's language and then the default language,
     * the jurisdiction ({@code en-US-CA}), its country ({@code en-US}), its group ({@code en-EU}), the locale
     * ({@code en-GB}) and the bare language ({@code en}).
     */
    public List<String> candidates(String locale, String jurisdiction) {
        Locale person = Locale.forLanguageTag(locale == null ? defaultLanguage : locale.replace('_', '-'));
        Set<String> languages = new LinkedHashSet<>();
        if (!person.getLanguage().isEmpty()) {
            languages.add(person.getLanguage());
        }
        languages.add(defaultLanguage);
        Set<String> stems = new LinkedHashSet<>();
        for (String language : languages) {
            if (jurisdiction != null) {
                stems.add(language + "-" + jurisdiction);
                stems.add(language + "-" + NoticeLaw.countryOf(jurisdiction));
                String group = NoticeLaw.groupOf(jurisdiction);
                if (group != null) {
                    stems.add(language + "-" + group);
                }
            }
            if (language.equals(person.getLanguage()) && !person.getCountry().isEmpty()) {
                stems.add(language + "-" + person.getCountry());
            }
            stems.add(language);
        }
        return List.copyOf(stems);
    }

    /** The laws a notice of {@code kind} to a person in {@code jurisdiction} must satisfy. */
    static Set<NoticeLaw> requiredLaws(NoticeKind kind, String jurisdiction) {
        // A kind with its own law replaces the jurisdiction's: California deems a complete HIPAA notice compliant (§ 1798.82(e)).
        return kind.laws().isEmpty() ? NoticeLaw.forJurisdiction(jurisdiction) : kind.laws();
    }

    /** Mustache that writes values as they are: for the subject, text parts and SMS, which are not HTML. */
    static final class PlainTextMustacheFactory extends DefaultMustacheFactory {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Loader {
        private final Path folder;
        private final String defaultLanguage;
        private final List<TemplateProblem> problems = new ArrayList<>();
        private final List<TemplateProblem> warnings = new ArrayList<>();
        private final DefaultMustacheFactory htmlFactory = new DefaultMustacheFactory();
        private final DefaultMustacheFactory plainFactory = new PlainTextMustacheFactory();
        private final Map<NoticeKind, Map<Channel, Map<String, NoticeTemplate>>> templates = new EnumMap<>(NoticeKind.class);

        Loader(Path folder, String defaultLanguage) {
            this.folder = folder;
            this.defaultLanguage = defaultLanguage;
        }

        TemplateCatalog load() {
            if (!Files.isDirectory(folder)) {
                throw new TemplateRejectedException(List.of(new TemplateProblem(folder.toString(), "is not a folder")));
            }
            for (Path kindFolder : list(folder)) {
                if (!Files.isDirectory(kindFolder)) {
                    continue; // README.md and the like
                }
                String name = kindFolder.getFileName().toString();
                NoticeKind.fromFolder(name).ifPresentOrElse(kind -> loadKind(kind, kindFolder), () -> problem(name,
                        "is not a notice kind (expected one of " + Stream.of(NoticeKind.values()).map(NoticeKind::folder)
                                .collect(Collectors.joining(", ")) + ")"));
            }
            if (!problems.isEmpty()) {
                throw new TemplateRejectedException(problems);
            }
            return new TemplateCatalog(freeze(), defaultLanguage, warnings);
        }

        private Map<NoticeKind, Map<Channel, Map<String, NoticeTemplate>>> freeze() {
            Map<NoticeKind, Map<Channel, Map<String, NoticeTemplate>>> frozen = new EnumMap<>(NoticeKind.class);
            templates.forEach((kind, byChannel) -> {
                Map<Channel, Map<String, NoticeTemplate>> channels = new EnumMap<>(Channel.class);
                byChannel.forEach((channel, byStem) -> channels.put(channel, Map.copyOf(byStem)));
                frozen.put(kind, channels);
            });
            return frozen;
        }

        private void loadKind(NoticeKind kind, Path kindFolder) {
            for (Path channelFolder : list(kindFolder)) {
                String name = kind.folder() + "/" + channelFolder.getFileName();
                if (!Files.isDirectory(channelFolder)) {
                    problem(name, "is not a channel folder (expected " + templateFolders(kind) + ")");
                    continue;
                }
                var channel = Channel.fromFolder(channelFolder.getFileName().toString());
                if (channel.isEmpty() || !kind.channels().contains(channel.get())) {
                    problem(name, "is not a channel " + kind.folder() + " may be sent on (expected "
                            + templateFolders(kind) + ")");
                    continue;
                }
                loadChannel(kind, channel.get(), channelFolder);
            }
        }

        /** The template folders a kind may have: its channels that have templates of their own (not the webhook). */
        private static String templateFolders(NoticeKind kind) {
            return kind.channels().stream().filter(c -> c.templates() == c).map(Channel::folder).sorted()
                    .collect(Collectors.joining(" or "));
        }

        private void loadChannel(NoticeKind kind, Channel channel, Path channelFolder) {
            String folderName = kind.folder() + "/" + channel.folder();
            Map<String, NoticeTemplate> variants = new LinkedHashMap<>();
            Set<String> stems = new TreeSet<>();
            for (Path file : list(channelFolder)) {
                String fileName = file.getFileName().toString();
                String relative = folderName + "/" + fileName;
                if (Files.isDirectory(file) || !fileName.endsWith(EXTENSION)) {
                    problem(relative, "is not a " + EXTENSION + " file");
                    continue;
                }
                String stem = fileName.substring(0, fileName.length() - EXTENSION.length());
                var variant = TemplateVariant.parse(stem);
                if (variant.isEmpty()) {
                    problem(relative, "name must be <language>[-<COUNTRY>[-<SUBDIVISION>]]" + EXTENSION
                            + ", such as en, en-US, en-US-CA or de-EU");
                    continue;
                }
                stems.add(stem);
                String source;
                try {
                    source = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
                } catch (CharacterCodingException e) {
                    problem(relative, "is not valid UTF-8");
                    continue;
                } catch (IOException e) {
                    problem(relative, "cannot be read: " + e.getMessage());
                    continue;
                }
                var template = new FileCheck(kind, channel, variant.get(), relative).check(source);
                if (template != null) {
                    variants.put(stem, template);
                }
            }
            if (!stems.contains(defaultLanguage)) {
                problem(folderName, "has no default template " + defaultLanguage + EXTENSION);
            }
            templates.computeIfAbsent(kind, k -> new EnumMap<>(Channel.class)).put(channel, variants);
        }

        /** Checks one file, recording its problems; returns the template only if it has none. */
        private final class FileCheck {
            private final NoticeKind kind;
            private final Channel channel;
            private final TemplateVariant variant;
            private final String file;
            private final int problemsBefore = problems.size();
            private final Set<String> valueVariables = new TreeSet<>();

            FileCheck(NoticeKind kind, Channel channel, TemplateVariant variant, String file) {
                this.kind = kind;
                this.channel = channel;
                this.variant = variant;
                this.file = file;
            }

            NoticeTemplate check(String source) {
                return channel == Channel.EMAIL ? checkEmail(source) : checkSms(source);
            }

            private NoticeTemplate checkSms(String source) {
                String body = source.strip();
                if (body.isEmpty()) {
                    problem(file, "is empty");
                    return null;
                }
                if (body.lines().anyMatch(line -> SECTION_MARKER.matcher(line.strip()).matches())) {
                    problem(file, "an SMS template is a single text and has no --- sections ---");
                }
                Mustache text = compile("sms", body, false);
                return problems.size() == problemsBefore
                        ? new NoticeTemplate(kind, channel, variant, Set.of(), valueVariables, null, null, text) : null;
            }

            private NoticeTemplate checkEmail(String source) {
                Map<String, String> sections = sections(source);
                if (sections == null) {
                    return null;
                }
                String subject = sections.get("subject");
                if (subject.contains("\n")) {
                    problem(file, "the subject section must be a single line");
                }
                Mustache subjectTemplate = compile("subject", subject, false);
                Mustache html = compile("html", sections.get("html"), true);
                Mustache text = compile("text", sections.get("text"), false);
                if (problems.size() != problemsBefore) {
                    return null;
                }
                TemplatePart htmlPart = part("html", html, sections.get("html"),
                        MustacheSource.htmlBlocks(MustacheSource.unconditionalText(sections.get("html"))));
                TemplatePart textPart = part("text", text, sections.get("text"),
                        MustacheSource.textBlocks(MustacheSource.unconditionalText(sections.get("text"))));
                Set<NoticeLaw> carried = EnumSet.noneOf(NoticeLaw.class);
                Set<NoticeLaw> required = requiredLaws(kind, variant.jurisdiction().orElse(null));
                for (NoticeLaw law : NoticeLaw.values()) {
                    boolean complete = true;
                    for (LegalElement element : law.elements()) {
                        for (TemplatePart part : List.of(htmlPart, textPart)) {
                            if (element.check().isMetBy(part)) {
                                continue;
                            }
                            if (element.force() == LegalElement.Force.GUIDANCE) {
                                if (required.contains(law)) {
                                    warnings.add(new TemplateProblem(file, "the " + part.name() + " part "
                                            + element.shortfall() + ", recommended by " + element.citation() + " (" + law + ")"));
                                }
                                continue;
                            }
                            complete = false;
                            if (required.contains(law)) {
                                problem(file, "the " + part.name() + " part " + element.shortfall() + ", required by "
                                        + element.citation() + " (" + law + ")");
                            }
                        }
                    }
                    if (complete) {
                        carried.add(law);
                    }
                }
                return problems.size() == problemsBefore
                        ? new NoticeTemplate(kind, channel, variant, carried, valueVariables, subjectTemplate, html, text) : null;
            }

            private TemplatePart part(String name, Mustache compiled, String source, List<String> blocks) {
                Set<String> used = new TreeSet<>();
                collect(compiled.getCodes(), used, used, false);
                return new TemplatePart(name, used, blocks, source);
            }

            /** Splits an e-mail file into its subject, html and text sections, or returns null after recording why not. */
            private Map<String, String> sections(String source) {
                Map<String, StringBuilder> sections = new LinkedHashMap<>();
                StringBuilder current = null;
                int lineNumber = 0;
                for (String line : source.split("\\R", -1)) {
                    lineNumber++;
                    Matcher marker = SECTION_MARKER.matcher(line.strip());
                    if (marker.matches()) {
                        String name = marker.group(1).toLowerCase(Locale.ROOT);
                        if (!EMAIL_SECTIONS.contains(name)) {
                            problem(file, "line " + lineNumber + ": unknown section '" + name + "' (expected subject, html, text)");
                            return null;
                        }
                        if (sections.containsKey(name)) {
                            problem(file, "line " + lineNumber + ": section '" + name + "' appears twice");
                            return null;
                        }
                        current = new StringBuilder();
                        sections.put(name, current);
                    } else if (current != null) {
                        current.append(line).append('\n');
                    } else if (!line.isBlank()) {
                        problem(file, "line " + lineNumber + ": text before the first section marker such as --- subject ---");
                        return null;
                    }
                }
                List<String> missing = EMAIL_SECTIONS.stream().filter(name -> !sections.containsKey(name)).toList();
                if (!missing.isEmpty()) {
                    problem(file, "lacks the section(s) " + missing.stream().map(name -> "--- " + name + " ---")
                            .collect(Collectors.joining(", ")));
                    return null;
                }
                Map<String, String> result = new LinkedHashMap<>();
                sections.forEach((name, text) -> result.put(name, text.toString().strip()));
                result.forEach((name, text) -> {
                    if (text.isEmpty()) {
                        problem(file, "the " + name + " section is empty");
                    }
                });
                return result;
            }

            private Mustache compile(String partName, String source, boolean html) {
                List<String> forbiddenTags = MustacheSource.forbiddenTags(source, html);
                for (String forbidden : forbiddenTags) {
                    problem(file, "the " + partName + " part " + forbidden);
                }
                if (!forbiddenTags.isEmpty()) {
                    return null; // a partial would make the compiler look for files
                }
                Mustache compiled;
                try {
                    compiled = (html ? htmlFactory : plainFactory).compile(new StringReader(source), file + "#" + partName);
                } catch (MustacheException e) {
                    problem(file, "the " + partName + " part does not compile: " + e.getMessage());
                    return null;
                }
                Set<String> values = new TreeSet<>();
                Set<String> sections = new TreeSet<>();
                collect(compiled.getCodes(), values, sections, false);
                valueVariables.addAll(values);
                Set<String> unknown = new TreeSet<>(values);
                unknown.addAll(sections);
                unknown.removeAll(kind.variables());
                for (String name : unknown) {
                    problem(file, "the " + partName + " part uses unknown variable '" + name + "' (" + kind.folder()
                            + " templates may use: " + String.join(", ", new TreeSet<>(kind.variables())) + ")");
                }
                return compiled;
            }

            private void collect(Code[] codes, Set<String> values, Set<String> sections, boolean inSection) {
                if (codes == null) {
                    return;
                }
                for (Code code : codes) {
                    if (code instanceof IterableCode) {
                        sections.add(code.getName());
                        collect(code.getCodes(), values, sections, true);
                    } else if (code instanceof ValueCode) {
                        if (!".".equals(code.getName()) || !inSection) {
                            values.add(code.getName());
                        }
                    } else {
                        collect(code.getCodes(), values, sections, inSection);
                    }
                }
            }
        }

        private List<Path> list(Path dir) {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.sorted().toList();
            } catch (IOException e) {
                problem(folder.relativize(dir).toString(), "cannot be listed: " + e.getMessage());
                return List.of();
            }
        }

        private void problem(String file, String message) {
            problems.add(new TemplateProblem(file, message));
        }
    }
}
