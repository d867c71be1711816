package org.breachline.rules;

import java.time.DayOfWeek;
import java.time.Month;
import java.util.List;

/**
 * A named business-day calendar as data: a jollyday calendar plus the holidays a law counts that jollyday lacks.
 *
 * @param country       a {@code de.focus_shift.jollyday.core.HolidayCalendar} constant, e.g. {@code UNITED_STATES}
 * @param subdivisions  jollyday subdivision ids, e.g. {@code me} for Maine
 */
public record CalendarDefinition(String name, String description, String country, List<String> subdivisions,
                                 List<ExtraHoliday> extraHolidays) {

    public CalendarDefinition {
        subdivisions = subdivisions == null ? List.of() : List.copyOf(subdivisions);
        extraHolidays = extraHolidays == null ? List.of() : List.copyOf(extraHolidays);
    }

    /**
     * A holiday added in data: either a fixed {@code month}/{@code day}, or the {@code which} {@code weekday} of
     * {@code month} ("THIRD MONDAY of APRIL").
     */
    public record ExtraHoliday(String name, Month month, Integer day, DayOfWeek weekday, WeekOfMonth which) {
    }

    /** Which occurrence of a weekday in a month. */
    public enum WeekOfMonth { FIRST, SECOND, THIRD, FOURTH, LAST }
}
