package org.breachline.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.rules.EngineFixture.RULEBOOK;
import static org.breachline.rules.EngineFixture.obligation;
import static org.breachline.rules.FactsBuilder.awareAt;

/** How clocks count hours, calendar days, business days and months (facts-format.md, "Counting time"). */
class ClockCountingTest {

    private static FactsBuilder gdprBreach(String aware, String zone) {
        return awareAt(aware).timeZone(zone).affected("FR", 100).data(DataCategory.EMAIL).risk(Risk.RISK);
    }

    @Test
    void seventyTwoHoursAcrossTheEuSpringForwardEndOneHourLaterOnTheWallClock() {
        Obligation art33 = obligation(gdprBreach("2026-03-27T18:30:00+01:00", "Europe/Paris").build(), "gdpr-art33");

        assertThat(art33.dueAt()).isEqualTo("2026-03-30T17:30:00Z"); // 19:30 CEST, not 18:30
        assertThat(art33.basis()).isEqualTo("72 hours after awareness (2026-03-27 18:30 +01:00)");
    }

    @Test
    void seventyTwoHoursAcrossTheUsFallBackEndOneHourEarlierOnTheWallClock() {
        Facts facts = awareAt("2026-10-30T18:00:00-04:00").timeZone("America/New_York")
                .sector(Sector.NYDFS_COVERED_ENTITY).build();

        Obligation nydfs = obligation(facts, "us-nydfs-500.17a");

        assertThat(nydfs.dueAt()).isEqualTo("2026-11-02T22:00:00Z"); // 17:00 EST on the wall clock
    }

    @Test
    void calendarDaysEndAtTheEndOfTheLocalDayInTheFactsZone() {
        // 23:30 in Los Angeles is already the next day in Tokyo: day 0 is the local date in the facts' zone.
        Facts facts = awareAt("2026-03-01T23:30:00-08:00").timeZone("Asia/Tokyo").affected("US-CA", 10)
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID).build();

        Obligation california = obligation(facts, "us-ca-individuals");

        assertThat(california.dueAt()).isEqualTo("2026-04-01T14:59:59Z"); // 2026-04-01 23:59:59 +09:00
    }

    @Test
    void aCalendarDayDeadlineOnASaturdayDoesNotRollForward() {
        Facts facts = awareAt("2026-01-15T10:00:00-06:00").timeZone("America/Chicago").affected("US-TX", 300)
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID).build();

        assertThat(obligation(facts, "us-tx-ag").dueAt()).isEqualTo("2026-02-15T05:59:59Z"); // Sat 14 Feb, 23:59:59
    }

    @Test
    void businessDaysSkipTheObservedIndependenceDay() {
        Facts facts = awareAt("2026-06-24T09:00:00-04:00").timeZone("America/New_York").sector(Sector.SEC_REGISTRANT)
                .event(IncidentEvent.MATERIALITY_DETERMINED, "2026-07-01T16:00:00-04:00").build();

        Obligation eightK = obligation(facts, "us-sec-8k-item105");

        assertThat(eightK.dueAt()).isEqualTo("2026-07-09T03:59:59Z"); // Wed 8 Jul: Fri 3 Jul is the observed holiday
        assertThat(eightK.basis()).contains("holidays skipped: 2026-07-03");
    }

    @Test
    void aTriggerOnAWeekendStartsCountingFromTheNextBusinessDay() {
        Facts facts = awareAt("2026-07-01T09:00:00-04:00").timeZone("America/New_York").sector(Sector.SEC_REGISTRANT)
                .event(IncidentEvent.MATERIALITY_DETERMINED, "2026-07-04T11:00:00-04:00").build();

        // Saturday 4 July: Monday 6 July is day 0, so the fourth business day is Friday 10 July.
        assertThat(obligation(facts, "us-sec-8k-item105").dueAt()).isEqualTo("2026-07-11T03:59:59Z");
    }

    @Test
    void holidayCalendarsUseObservedDatesAndHolidaysAddedInData() {
        BusinessCalendar federal = RULEBOOK.calendar("US-FEDERAL").orElseThrow();
        BusinessCalendar maine = RULEBOOK.calendar("US-ME-STATE").orElseThrow();

        assertThat(federal.isHoliday(LocalDate.of(2027, 12, 24))).as("Christmas 2027 observed on Friday").isTrue();
        assertThat(federal.isBusinessDay(LocalDate.of(2027, 12, 27))).isTrue();
        assertThat(federal.isHoliday(LocalDate.of(2026, 4, 20))).isFalse();
        assertThat(maine.isHoliday(LocalDate.of(2026, 4, 20))).as("Patriots' Day, added in calendars.yaml").isTrue();
    }

    @Test
    void monthsKeepTheLocalTimeAndClampToTheEndOfTheMonth() {
        Facts facts = awareAt("2027-01-30T08:00:00+01:00").timeZone("Europe/Berlin")
                .sector(Sector.NIS2_ESSENTIAL_ENTITY).affected("DE", 0)
                .event(IncidentEvent.CLASSIFIED_SIGNIFICANT, "2027-01-30T08:00:00+01:00")
                .fulfilled("nis2-art23-notification", "2027-01-31T10:00:00+01:00").build();

        Obligation finalReport = obligation(facts, "nis2-art23-final");

        assertThat(finalReport.dueAt()).isEqualTo(Instant.parse("2027-02-28T09:00:00Z")); // 28 Feb 10:00 +01:00
        assertThat(finalReport.phase()).isEqualTo("final report");
    }

    @Test
    void aYearEndClockCountsSixtyDaysIntoALeapYearFebruary() {
        Facts facts = awareAt("2027-05-05T10:00:00-04:00").timeZone("America/New_York")
                .sector(Sector.HIPAA_COVERED_ENTITY).data(DataCategory.HEALTH).affected("US-NY", 120).build();

        assertThat(obligation(facts, "us-hipaa-hhs-under500").dueAt()).isEqualTo("2028-03-01T04:59:59Z");
    }

    @Test
    void smallProcessingAgentsInBrazilGetTwiceTheBusinessDays() {
        FactsBuilder facts = awareAt("2026-04-17T10:00:00-03:00").timeZone("America/Sao_Paulo").affected("BR", 300)
                .data(DataCategory.FINANCIAL_ACCOUNT);

        assertThat(obligation(facts.build(), "br-lgpd-anpd").dueAt()).isEqualTo("2026-04-24T02:59:59Z");
        assertThat(obligation(facts.entitySize(EntitySize.SMALL).build(), "br-lgpd-anpd").dueAt())
                .isEqualTo("2026-04-29T02:59:59Z"); // 6 business days, Tiradentes (21 Apr) skipped
    }

    @Test
    void japanGivesSixtyDaysForAPossiblyUnlawfulPurposeAndThirtyOtherwise() {
        FactsBuilder facts = awareAt("2026-06-10T10:00:00+09:00").timeZone("Asia/Tokyo").affected("JP", 300)
                .data(DataCategory.PAYMENT_CARD);

        assertThat(obligation(facts.cause(Cause.EXTERNAL_ATTACK).build(), "jp-appi-final").dueAt())
                .isEqualTo("2026-08-09T14:59:59Z");
        assertThat(obligation(facts.cause(Cause.ACCIDENTAL_DISCLOSURE).build(), "jp-appi-final").dueAt())
                .isEqualTo("2026-07-10T14:59:59Z");
    }
}
