package org.breachline.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.stream.Collectors;

/** How a rule counts its deadline from its start; the {@code kind} key in the rulebook picks the variant. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Clock.Elapsed.class, name = "ELAPSED"),
        @JsonSubTypes.Type(value = Clock.CalendarDays.class, name = "CALENDAR_DAYS"),
        @JsonSubTypes.Type(value = Clock.BusinessDays.class, name = "BUSINESS_DAYS"),
        @JsonSubTypes.Type(value = Clock.Months.class, name = "MONTHS"),
        @JsonSubTypes.Type(value = Clock.AtEvent.class, name = "AT_EVENT"),
        @JsonSubTypes.Type(value = Clock.WithoutFixedDeadline.class, name = "WITHOUT_FIXED_DEADLINE"),
        @JsonSubTypes.Type(value = Clock.EarliestOf.class, name = "EARLIEST_OF")})
public sealed interface Clock {

    /** The clock in words, without its start instant: "72 hours after awareness". */
    String describe();

    /** The same clock with its period multiplied (small processing agents in Brazil get double). */
    Clock scaled(int factor);

    /** A problem with the clock's numbers, or null when it is sound. */
    String problem();

    /** Where the clock starts (for several limits: where the first one starts). */
    ClockStart start();

    /** Hours elapsed on the UTC line, so a DST change does not move the deadline. */
    record Elapsed(@JsonDeserialize(using = ClockStartReader.class) ClockStart start, Duration duration)
            implements Clock {
        @Override
        public String describe() {
            long hours = duration.toHours();
            String amount = duration.equals(Duration.ofHours(hours)) ? hours + (hours == 1 ? " hour" : " hours")
                    : duration.toMinutes() + " minutes";
            return amount + " after " + start.words();
        }

        @Override
        public Clock scaled(int factor) {
            return new Elapsed(start, duration.multipliedBy(factor));
        }

        @Override
        public String problem() {
            return duration == null || duration.isNegative() || duration.isZero()
                    ? "bad duration: ELAPSED needs a positive ISO-8601 duration such as PT72H" : null;
        }
    }

    /** Calendar days: day 0 is the local date of the start, the deadline 23:59:59 local on day N. */
    record CalendarDays(@JsonDeserialize(using = ClockStartReader.class) ClockStart start, int days)
            implements Clock {
        @Override
        public String describe() {
            return days + " calendar days after " + start.words();
        }

        @Override
        public Clock scaled(int factor) {
            return new CalendarDays(start, days * factor);
        }

        @Override
        public String problem() {
            return days > 0 ? null : "bad duration: CALENDAR_DAYS needs days > 0";
        }
    }

    /** Business days in a named holiday calendar; the deadline is 23:59:59 local on the Nth business day. */
    record BusinessDays(@JsonDeserialize(using = ClockStartReader.class) ClockStart start, int days,
                        String calendar) implements Clock {
        @Override
        public String describe() {
            return days + " business days [" + calendar + "] after " + start.words();
        }

        @Override
        public Clock scaled(int factor) {
            return new BusinessDays(start, days * factor, calendar);
        }

        @Override
        public String problem() {
            if (days <= 0) {
                return "bad duration: BUSINESS_DAYS needs days > 0";
            }
            return calendar == null || calendar.isBlank() ? "missing field 'calendar' for BUSINESS_DAYS" : null;
        }
    }

    /** Calendar months keeping the local clock time, clamped to the month's last day. */
    record Months(@JsonDeserialize(using = ClockStartReader.class) ClockStart start, int months) implements Clock {
        @Override
        public String describe() {
            return months + (months == 1 ? " month" : " months") + " after " + start.words();
        }

        @Override
        public Clock scaled(int factor) {
            return new Months(start, months * factor);
        }

        @Override
        public String problem() {
            return months > 0 ? null : "bad duration: MONTHS needs months > 0";
        }
    }

    /** Due at the moment of the start itself ("concurrently with", "no later than" the notice to individuals). */
    record AtEvent(@JsonDeserialize(using = ClockStartReader.class) ClockStart start, String relation)
            implements Clock {
        @Override
        public String describe() {
            String how = relation == null ? "at" : relation.replace('_', ' ');
            return how + " " + start.words();
        }

        @Override
        public Clock scaled(int factor) {
            return this;
        }

        @Override
        public String problem() {
            return null;
        }
    }

    /**
     * No number in the law ("without undue delay", "promptly"): never a due date, only an internal target.
     *
     * @param target internal target after the start; null to use the engine's setting
     */
    record WithoutFixedDeadline(@JsonDeserialize(using = ClockStartReader.class) ClockStart start, String standard,
                                Period target) implements Clock {
        @Override
        public String describe() {
            return (standard == null ? "without undue delay" : standard) + " after " + start.words();
        }

        @Override
        public Clock scaled(int factor) {
            return this;
        }

        @Override
        public String problem() {
            return target != null && (target.isNegative() || target.isZero()) ? "bad duration: target must be positive"
                    : null;
        }
    }

    /**
     * Several limits of which the earliest applicable one wins.
     *
     * @param notBefore limits that had already passed when this event happened do not count (DORA's late
     *                  classification); null when every limit counts
     */
    record EarliestOf(List<Clock> limits, StartEvent notBefore) implements Clock {
        public EarliestOf {
            limits = limits == null ? List.of() : List.copyOf(limits);
        }

        @Override
        public ClockStart start() {
            return limits.isEmpty() ? null : limits.get(0).start();
        }

        @Override
        public String describe() {
            return "earliest of: " + limits.stream().map(Clock::describe).collect(Collectors.joining("; "));
        }

        @Override
        public Clock scaled(int factor) {
            return new EarliestOf(limits.stream().map(l -> l.scaled(factor)).toList(), notBefore);
        }

        @Override
        public String problem() {
            if (limits.size() < 2) {
                return "EARLIEST_OF needs at least two limits";
            }
            return limits.stream().map(Clock::problem).filter(p -> p != null).findFirst().orElse(null);
        }
    }
}
