package org.breachline.rules;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Counts business days in one named calendar: no Saturdays, Sundays or (observed) holidays. */
public final class BusinessCalendar {

    private final CalendarDefinition definition;
    private final HolidayManager holidays;
    // Holiday sets per year are pure functions of the definition, so caching them keeps evaluation deterministic.
    private final Map<Integer, Set<LocalDate>> byYear = new ConcurrentHashMap<>();

    BusinessCalendar(CalendarDefinition definition) {
        this.definition = definition;
        this.holidays = HolidayManager.getInstance(
                ManagerParameters.create(HolidayCalendar.valueOf(definition.country())));
    }

    /** The calendar's name, as rules refer to it. */
    public String name() {
        return definition.name();
    }

    /** Whether work is done on that date. */
    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** Whether the date is a holiday of this calendar (as observed). */
    public boolean isHoliday(LocalDate date) {
        return byYear.computeIfAbsent(date.getYear(), this::holidaysOf).contains(date);
    }

    /**
     * The Nth business day after {@code trigger}. A trigger on a non-business day starts the count from the next
     * business day, which is then day 0.
     */
    public Count plusBusinessDays(LocalDate trigger, int days) {
        List<LocalDate> skipped = new ArrayList<>();
        LocalDate date = trigger;
        while (!isBusinessDay(date)) {
            noteHoliday(date, skipped);
            date = date.plusDays(1);
        }
        int counted = 0;
        while (counted < days) {
            date = date.plusDays(1);
            if (isBusinessDay(date)) {
                counted++;
            } else {
                noteHoliday(date, skipped);
            }
        }
        return new Count(date, List.copyOf(skipped));
    }

    private void noteHoliday(LocalDate date, List<LocalDate> skipped) {
        if (isHoliday(date)) {
            skipped.add(date);
        }
    }

    private Set<LocalDate> holidaysOf(int year) {
        Set<LocalDate> dates = new TreeSet<>();
        String[] subdivisions = definition.subdivisions().toArray(String[]::new);
        for (Holiday holiday : holidays.getHolidays(Year.of(year), subdivisions)) {
            // Observances (Iowa's Christmas Eve in jollyday) are not days off; getDate() is the observed date.
            if (holiday.getType() != HolidayType.OBSERVANCE) {
                dates.add(holiday.getDate());
            }
        }
        for (CalendarDefinition.ExtraHoliday extra : definition.extraHolidays()) {
            dates.add(dateOf(extra, year));
        }
        return Set.copyOf(dates);
    }

    private static LocalDate dateOf(CalendarDefinition.ExtraHoliday extra, int year) {
        LocalDate first = LocalDate.of(year, extra.month(), 1);
        if (extra.day() != null) {
            return first.withDayOfMonth(extra.day());
        }
        return switch (extra.which()) {
            case LAST -> first.with(TemporalAdjusters.lastInMonth(extra.weekday()));
            default -> first.with(TemporalAdjusters.dayOfWeekInMonth(extra.which().ordinal() + 1, extra.weekday()));
        };
    }

    /** The day reached and the holidays skipped on the way (for the obligation's basis). */
    public record Count(LocalDate date, List<LocalDate> holidaysSkipped) {
    }
}
