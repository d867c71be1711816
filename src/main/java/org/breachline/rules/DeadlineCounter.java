package org.breachline.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Counts a rule's clock over one incident's facts (facts-format.md, "Counting time"). */
final class DeadlineCounter {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private final Facts facts;
    private final ZoneId zone;
    private final Rulebook rulebook;
    private final ClockStarts starts;
    private final EngineSettings settings;

    DeadlineCounter(Facts facts, ZoneId zone, Rulebook rulebook, ClockStarts starts, EngineSettings settings) {
        this.facts = facts;
        this.zone = zone;
        this.rulebook = rulebook;
        this.starts = starts;
        this.settings = settings;
    }

    /** The rule's deadline for these facts (the rule is known to apply). */
    Deadline count(Rule rule) {
        Deadline own = count(rule, sized(rule, rule.clock()));
        for (ClockVariant variant : rule.clockVariants()) {
            if (holds(rule, variant, own)) {
                Deadline varied = count(rule, sized(rule, variant.clock()));
                String note = variant.note() == null ? "" : " [" + variant.note() + "]";
                return tolled(rule, withBasis(varied, varied.basis() + note));
            }
        }
        return tolled(rule, own);
    }

    /** Small processing agents get double periods where the law says so (Brazil). */
    private Clock sized(Rule rule, Clock clock) {
        return rule.smallEntityDoubles() && facts.entitySize() == EntitySize.SMALL ? clock.scaled(2) : clock;
    }

    private boolean holds(Rule rule, ClockVariant variant, Deadline own) {
        if (variant.when() != null && !TriggerConditions.test(variant.when(), facts, rule.jurisdiction()).applies()) {
            return false;
        }
        if (variant.event() == null) {
            return true;
        }
        Optional<Instant> happened = facts.event(variant.event());
        if (happened.isEmpty() || !(own instanceof Deadline.Due due)) {
            return false;
        }
        boolean late = happened.get().isAfter(due.at());
        return variant.timing() == ClockVariant.EventTiming.AFTER_DEADLINE ? late : !late;
    }

    private static Deadline withBasis(Deadline deadline, String basis) {
        if (deadline instanceof Deadline.Due due) {
            return new Deadline.Due(due.at(), basis);
        }
        if (deadline instanceof Deadline.Open open) {
            return new Deadline.Open(open.target(), basis);
        }
        return deadline instanceof Deadline.Waiting ? new Deadline.Waiting(basis) : new Deadline.Tolled(basis);
    }

    private Deadline count(Rule rule, Clock clock) {
        if (clock instanceof Clock.EarliestOf earliest) {
            return earliestOf(rule, earliest);
        }
        Optional<Instant> start = starts.of(rule, clock.start());
        if (clock instanceof Clock.WithoutFixedDeadline open) {
            return openEnded(open, start);
        }
        if (start.isEmpty()) {
            return new Deadline.Waiting("waiting for " + startWords(rule, clock.start()) + " (" + clock.describe()
                    + ")");
        }
        Instant from = start.get();
        String basis = describe(rule, clock) + " (" + moment(from) + ")";
        if (clock instanceof Clock.Elapsed elapsed) {
            return new Deadline.Due(from.plus(elapsed.duration()), basis);
        }
        if (clock instanceof Clock.CalendarDays days) {
            return new Deadline.Due(endOfDay(localDate(from).plusDays(days.days())), basis);
        }
        if (clock instanceof Clock.BusinessDays days) {
            BusinessCalendar calendar = rulebook.calendar(days.calendar()).orElseThrow();
            BusinessCalendar.Count count = calendar.plusBusinessDays(localDate(from), days.days());
            String skipped = count.holidaysSkipped().isEmpty() ? ""
                    : "; holidays skipped: " + count.holidaysSkipped().stream().map(LocalDate::toString)
                    .collect(Collectors.joining(", "));
            return new Deadline.Due(endOfDay(count.date()), basis + skipped);
        }
        if (clock instanceof Clock.Months months) {
            // ZonedDateTime keeps the local clock time and clamps to the month's last day (31 Jan + 1 month).
            return new Deadline.Due(from.atZone(zone).plusMonths(months.months()).toInstant(), basis);
        }
        return new Deadline.Due(from, basis);
    }

    private Deadline openEnded(Clock.WithoutFixedDeadline clock, Optional<Instant> start) {
        String standard = clock.standard() == null ? "without undue delay" : clock.standard();
        String startWords = clock.start().words();
        if (start.isEmpty()) {
            return new Deadline.Open(null, standard + " (from " + startWords + ", which has not happened yet)");
        }
        if (clock.target() != null) {
            Instant target = start.get().atZone(zone).plus(clock.target()).toInstant();
            return new Deadline.Open(target, standard + " (internal target: " + clock.target().getDays()
                    + " days after " + startWords + ", from guidance)");
        }
        Duration target = settings.internalTarget();
        return new Deadline.Open(start.get().plus(target),
                standard + " (internal target: " + words(target) + " after " + startWords + ")");
    }

    private Deadline earliestOf(Rule rule, Clock.EarliestOf earliest) {
        Instant notBefore = null;
        if (earliest.notBefore() != null) {
            Optional<Instant> arises = starts.of(rule, new ClockStart.At(earliest.notBefore()));
            if (arises.isEmpty()) {
                return new Deadline.Waiting("waiting for " + earliest.notBefore().words() + " ("
                        + earliest.describe() + ")");
            }
            notBefore = arises.get();
        }
        List<Deadline.Due> limits = new ArrayList<>();
        List<Deadline> others = new ArrayList<>();
        for (Clock limit : earliest.limits()) {
            Deadline deadline = count(rule, limit);
            if (deadline instanceof Deadline.Due due) {
                // A limit that had already passed when the duty arose does not count (DORA's late classification).
                if (notBefore == null || !due.at().isBefore(notBefore)) {
                    limits.add(due);
                }
            } else {
                others.add(deadline);
            }
        }
        Optional<Deadline.Due> soonest = limits.stream().min(Comparator.comparing(Deadline.Due::at));
        if (soonest.isPresent()) {
            return new Deadline.Due(soonest.get().at(), soonest.get().basis() + ", the earliest of "
                    + earliest.limits().size() + " limits");
        }
        return others.isEmpty() ? new Deadline.Waiting("waiting (" + earliest.describe() + ")") : others.get(0);
    }

    /** A law-enforcement delay pauses the clocks of the rules that allow it. */
    private Deadline tolled(Rule rule, Deadline deadline) {
        Optional<Instant> requested = facts.event(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED);
        if (rule.tolling() == null || requested.isEmpty() || !(deadline instanceof Deadline.Due due)
                || !requested.get().isBefore(due.at())) {
            return deadline;
        }
        Optional<Instant> cleared = facts.event(IncidentEvent.LAW_ENFORCEMENT_CLEARED);
        String paused = "paused by a law-enforcement delay requested " + moment(requested.get());
        if (cleared.isEmpty()) {
            return new Deadline.Tolled(due.basis() + "; " + paused + ", not yet cleared");
        }
        if (rule.tolling() == Tolling.STAYS_TOLLED_AFTER_CLEARANCE) {
            return new Deadline.Tolled(due.basis() + "; " + paused + ", cleared " + moment(cleared.get())
                    + "; after clearance the law sets no fixed number");
        }
        // A clearance recorded before the request is a data-entry slip; it must not pull the deadline earlier.
        Duration pause = Duration.between(requested.get(), cleared.get());
        pause = pause.isNegative() ? Duration.ZERO : pause;
        return new Deadline.Due(due.at().plus(pause), due.basis() + "; " + paused + ", cleared "
                + moment(cleared.get()) + ": " + words(pause) + " added");
    }

    private String describe(Rule rule, Clock clock) {
        if (clock.start() instanceof ClockStart.At at && starts.countsFromControllerBeingTold(rule, at.event())) {
            return clock.describe() + ", counted from " + StartEvent.CONTROLLER_INFORMED.words();
        }
        return clock.describe();
    }

    private String startWords(Rule rule, ClockStart start) {
        if (start instanceof ClockStart.At at && starts.countsFromControllerBeingTold(rule, at.event())) {
            return StartEvent.CONTROLLER_INFORMED.words();
        }
        return start.words();
    }

    private LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    private Instant endOfDay(LocalDate date) {
        return date.atTime(END_OF_DAY).atZone(zone).toInstant();
    }

    private String moment(Instant instant) {
        return MOMENT.format(instant.atZone(zone));
    }

    private static String words(Duration duration) {
        if (duration.toHours() % 24 == 0) {
            long days = duration.toDays();
            return days + (days == 1 ? " day" : " days");
        }
        return duration.toHours() + " hours";
    }
}
