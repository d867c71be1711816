package org.breachline.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules the engine knows: the shipped YAML files under {@code rulebook/} on the classpath, plus an optional
 * override directory whose YAML files add rules or replace shipped ones by id. A file named {@code calendars.yaml}
 * holds business-day calendars instead of rules.
 */
public final class Rulebook {

    static final String RESOURCE_DIRECTORY = "rulebook/";
    static final String CALENDARS_FILE = "calendars.yaml";

    private final Map<String, Rule> rules;
    private final Map<String, BusinessCalendar> calendars;
    private final Map<String, CalendarDefinition> calendarDefinitions;

    private Rulebook(Map<String, Rule> rules, Map<String, CalendarDefinition> calendarDefinitions) {
        this.rules = Collections.unmodifiableMap(rules);
        this.calendarDefinitions = Collections.unmodifiableMap(calendarDefinitions);
        Map<String, BusinessCalendar> built = new LinkedHashMap<>();
        calendarDefinitions.forEach((name, definition) -> built.put(name, new BusinessCalendar(definition)));
        this.calendars = Collections.unmodifiableMap(built);
    }

    /** The shipped rulebook only. */
    public static Rulebook load() {
        return load(null);
    }

    /**
     * The shipped rulebook, then the YAML files of {@code overrideDirectory} in name order (ignored when null or
     * absent).
     *
     * @throws RulebookException when a file is malformed or a rule refers to something unknown
     */
    public static Rulebook load(Path overrideDirectory) {
        Map<String, RulebookFileReader.Located<Rule>> rules = new LinkedHashMap<>();
        Map<String, RulebookFileReader.Located<CalendarDefinition>> calendars = new LinkedHashMap<>();
        for (String file : shippedFiles()) {
            String resource = RESOURCE_DIRECTORY + file;
            try (Reader reader = resourceReader(resource)) {
                if (file.equals(CALENDARS_FILE)) {
                    addCalendars(calendars, RulebookFileReader.read(resource, reader, CalendarDefinition.class));
                } else {
                    addRules(rules, RulebookFileReader.read(resource, reader, Rule.class), false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (overrideDirectory != null && Files.isDirectory(overrideDirectory)) {
            for (Path path : yamlFilesIn(overrideDirectory)) {
                try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    String file = path.toString();
                    if (path.getFileName().toString().equals(CALENDARS_FILE)) {
                        addCalendars(calendars, RulebookFileReader.read(file, reader, CalendarDefinition.class));
                    } else {
                        addRules(rules, RulebookFileReader.read(file, reader, Rule.class), true);
                    }
                } catch (IOException e) {
                    throw new RulebookException(path.toString(), 0, "cannot be read: " + e.getMessage(), e);
                }
            }
        }
        checkReferences(rules, calendars);
        Map<String, Rule> byId = new LinkedHashMap<>();
        rules.forEach((id, located) -> byId.put(id, located.value()));
        Map<String, CalendarDefinition> calendarsByName = new LinkedHashMap<>();
        calendars.forEach((name, located) -> calendarsByName.put(name, located.value()));
        return new Rulebook(byId, calendarsByName);
    }

    /** Every rule, in file order (shipped first, overrides in their place or after). */
    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    /** The rule with this id, if known. */
    public Optional<Rule> rule(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    /** The named business-day calendar, if known. */
    public Optional<BusinessCalendar> calendar(String name) {
        return Optional.ofNullable(calendars.get(name));
    }

    /** The business-day calendars as defined in data. */
    public List<CalendarDefinition> calendars() {
        return List.copyOf(calendarDefinitions.values());
    }

    private static void addRules(Map<String, RulebookFileReader.Located<Rule>> rules,
                                 List<RulebookFileReader.Located<Rule>> read, boolean overriding) {
        Map<String, Integer> seenInFile = new LinkedHashMap<>();
        for (RulebookFileReader.Located<Rule> located : read) {
            Rule rule = located.value();
            List<String> problems = RuleValidation.problemsOf(rule);
            if (!problems.isEmpty()) {
                String id = rule.id() == null ? "" : "rule '" + rule.id() + "': ";
                throw new RulebookException(located.file(), located.line(), id + String.join("; ", problems));
            }
            Integer earlier = seenInFile.put(rule.id(), located.line());
            if (earlier != null) {
                throw new RulebookException(located.file(), located.line(),
                        "rule '" + rule.id() + "' is defined twice (first at line " + earlier + ")");
            }
            RulebookFileReader.Located<Rule> shipped = rules.get(rule.id());
            if (shipped != null && !overriding) {
                throw new RulebookException(located.file(), located.line(), "rule '" + rule.id()
                        + "' is already defined in " + shipped.file() + ":" + shipped.line());
            }
            rules.put(rule.id(), located);
        }
    }

    private static void addCalendars(Map<String, RulebookFileReader.Located<CalendarDefinition>> calendars,
                                     List<RulebookFileReader.Located<CalendarDefinition>> read) {
        for (RulebookFileReader.Located<CalendarDefinition> located : read) {
            CalendarDefinition calendar = located.value();
            if (calendar.name() == null || calendar.country() == null) {
                throw new RulebookException(located.file(), located.line(), "a calendar needs 'name' and 'country'");
            }
            try {
                new BusinessCalendar(calendar);
            } catch (IllegalArgumentException e) {
                throw new RulebookException(located.file(), located.line(),
                        "unknown jollyday calendar '" + calendar.country() + "'", e);
            }
            for (CalendarDefinition.ExtraHoliday extra : calendar.extraHolidays()) {
                boolean fixed = extra.month() != null && extra.day() != null;
                boolean weekday = extra.month() != null && extra.weekday() != null && extra.which() != null;
                if (fixed == weekday) {
                    throw new RulebookException(located.file(), located.line(), "extra holiday '" + extra.name()
                            + "' needs either month and day, or month, weekday and which");
                }
            }
            calendars.put(calendar.name(), located);
        }
    }

    private static void checkReferences(Map<String, RulebookFileReader.Located<Rule>> rules,
                                        Map<String, RulebookFileReader.Located<CalendarDefinition>> calendars) {
        for (RulebookFileReader.Located<Rule> located : rules.values()) {
            List<String> problems = RuleValidation.referenceProblemsOf(located.value(), rules.keySet(), calendars);
            if (!problems.isEmpty()) {
                throw new RulebookException(located.file(), located.line(),
                        "rule '" + located.value().id() + "': " + String.join("; ", problems));
            }
        }
    }

    private static List<String> shippedFiles() {
        try (Reader reader = resourceReader(RESOURCE_DIRECTORY + "index")) {
            List<String> files = new ArrayList<>();
            new java.io.BufferedReader(reader).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).forEach(files::add);
            // Calendars first, so that rules can be checked against them whatever the index's order.
            files.remove(CALENDARS_FILE);
            files.add(0, CALENDARS_FILE);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reader resourceReader(String resource) {
        InputStream stream = Rulebook.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new RulebookException(resource, 0, "missing from the classpath");
        }
        return new InputStreamReader(stream, StandardCharsets.UTF_8);
    }

    private static List<Path> yamlFilesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new RulebookException(directory.toString(), 0, "cannot be listed: " + e.getMessage(), e);
        }
    }
}
