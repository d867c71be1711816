package org.breachline.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.rules.EngineFixture.RULEBOOK;
import static org.breachline.rules.EngineFixture.obligation;
import static org.breachline.rules.FactsBuilder.awareAt;

/** Phases, clocks that start when another notice is done, tolling, and internal targets. */
class DependentClocksTest {

    private static FactsBuilder californiaBreach() {
        return awareAt("2026-04-06T09:00:00-07:00").timeZone("America/Los_Angeles").affected("US-CA", 700)
                .data(DataCategory.NAME, DataCategory.DRIVERS_LICENSE);
    }

    @Test
    void theAttorneyGeneralNoticeWaitsForTheNoticeToResidentsThenRunsFifteenDays() {
        assertThat(obligation(californiaBreach().build(), "us-ca-ag").deadlineKind()).isEqualTo(DeadlineKind.WAITING);

        Obligation ag = obligation(californiaBreach().fulfilled("us-ca-individuals", "2026-05-26T10:00:00-07:00")
                .build(), "us-ca-ag");
        assertThat(ag.deadlineKind()).isEqualTo(DeadlineKind.FIXED);
        assertThat(ag.dueAt()).isEqualTo("2026-06-11T06:59:59Z");
    }

    @Test
    void nis2ReportsInThreePhasesAndTheFinalReportWaitsForTheNotification() {
        FactsBuilder hospital = awareAt("2026-10-24T10:00:00+02:00").timeZone("Europe/Berlin")
                .sector(Sector.NIS2_ESSENTIAL_ENTITY)
                .event(IncidentEvent.CLASSIFIED_SIGNIFICANT, "2026-10-23T22:00:00+02:00");

        assertThat(obligation(hospital.build(), "nis2-art23-early-warning").dueAt()).isEqualTo("2026-10-24T20:00:00Z");
        assertThat(obligation(hospital.build(), "nis2-art23-notification").dueAt()).isEqualTo("2026-10-26T20:00:00Z");
        assertThat(obligation(hospital.build(), "nis2-art23-final").deadlineKind()).isEqualTo(DeadlineKind.WAITING);
        assertThat(obligation(hospital.fulfilled("nis2-art23-notification", "2026-10-26T12:00:00+01:00").build(),
                "nis2-art23-final").dueAt()).isEqualTo("2026-11-26T11:00:00Z");
    }

    @Test
    void dorasInitialNotificationIsDueFourHoursAfterClassificationUnlessTwentyFourHoursFromAwarenessComesFirst() {
        FactsBuilder bank = awareAt("2026-05-11T09:00:00+02:00").timeZone("Europe/Paris")
                .sector(Sector.DORA_FINANCIAL_ENTITY);

        assertThat(obligation(bank.build(), "dora-initial").deadlineKind()).isEqualTo(DeadlineKind.WAITING);
        assertThat(obligation(bank.event(IncidentEvent.CLASSIFIED_MAJOR, "2026-05-12T06:00:00+02:00").build(),
                "dora-initial").dueAt()).isEqualTo("2026-05-12T07:00:00Z"); // awareness + 24 h comes first
        assertThat(obligation(bank.event(IncidentEvent.CLASSIFIED_MAJOR, "2026-05-13T14:00:00+02:00").build(),
                "dora-initial").dueAt()).isEqualTo("2026-05-13T16:00:00Z"); // late classification: + 4 h
        assertThat(obligation(bank.fulfilled("dora-initial", "2026-05-13T15:00:00Z").build(), "dora-intermediate")
                .dueAt()).isEqualTo("2026-05-16T15:00:00Z");
    }

    @Test
    void aLawEnforcementDelayTollsTheClockAndThePausedTimeIsAddedAfterClearance() {
        FactsBuilder texas = awareAt("2026-01-15T10:00:00-06:00").timeZone("America/Chicago").affected("US-TX", 10)
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID);
        assertThat(obligation(texas.build(), "us-tx-individuals").dueAt()).isEqualTo("2026-03-17T04:59:59Z");

        texas.event(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED, "2026-02-01T00:00:00-06:00");
        Obligation paused = obligation(texas.build(), "us-tx-individuals");
        assertThat(paused.deadlineKind()).isEqualTo(DeadlineKind.TOLLED);
        assertThat(paused.dueAt()).isNull();

        texas.event(IncidentEvent.LAW_ENFORCEMENT_CLEARED, "2026-02-11T00:00:00-06:00");
        Obligation resumed = obligation(texas.build(), "us-tx-individuals");
        assertThat(resumed.dueAt()).isEqualTo("2026-03-27T04:59:59Z"); // ten paused days added
        assertThat(resumed.basis()).contains("10 days added");
    }

    @Test
    void californiaStaysTolledAfterClearanceBecauseThenTheLawSaysOnlyPromptly() {
        Facts facts = californiaBreach().event(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED, "2026-04-10T12:00:00-07:00")
                .event(IncidentEvent.LAW_ENFORCEMENT_CLEARED, "2026-05-20T12:00:00-07:00").build();

        assertThat(obligation(facts, "us-ca-individuals").deadlineKind()).isEqualTo(DeadlineKind.TOLLED);
    }

    @Test
    void aDelayRequestedAfterTheDeadlineDoesNotTollIt() {
        Facts facts = californiaBreach().event(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED, "2026-06-01T12:00:00-07:00")
                .build();

        assertThat(obligation(facts, "us-ca-individuals").deadlineKind()).isEqualTo(DeadlineKind.FIXED);
    }

    @Test
    void maineOwesItsSevenBusinessDayNoticeOnlyAfterALawEnforcementDelay() {
        FactsBuilder maine = awareAt("2026-03-16T10:00:00-04:00").timeZone("America/New_York").affected("US-ME", 60)
                .data(DataCategory.NAME, DataCategory.FINANCIAL_ACCOUNT)
                .event(IncidentEvent.ASSESSMENT_COMPLETED, "2026-03-16T10:00:00-04:00");

        assertThat(EngineFixture.notRequired(maine.build(), "us-me-le-delay").reason())
                .isEqualTo("only after events.lawEnforcementDelayRequestedAt, which the facts do not have");
        Obligation afterClearance = obligation(maine
                .event(IncidentEvent.LAW_ENFORCEMENT_DELAY_REQUESTED, "2026-03-20T10:00:00-04:00")
                .event(IncidentEvent.LAW_ENFORCEMENT_CLEARED, "2026-04-14T09:00:00-04:00").build(), "us-me-le-delay");
        assertThat(afterClearance.dueAt()).isEqualTo("2026-04-25T03:59:59Z"); // Patriots' Day skipped
    }

    @Test
    void floridaGivesFifteenMoreDaysWhenAnExtensionIsRequestedWithinTheThirty() {
        FactsBuilder florida = awareAt("2026-04-20T10:00:00-04:00").timeZone("America/New_York").affected("US-FL", 20)
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID);
        assertThat(obligation(florida.build(), "us-fl-individuals").dueAt()).isEqualTo("2026-05-21T03:59:59Z");

        Obligation extended = obligation(florida.event(IncidentEvent.EXTENSION_REQUESTED, "2026-05-15T10:00:00-04:00")
                .build(), "us-fl-individuals");
        assertThat(extended.dueAt()).isEqualTo("2026-06-05T03:59:59Z");
        assertThat(extended.basis()).contains("45 calendar days", "501.171(3)(a)");

        Obligation tooLate = obligation(florida.event(IncidentEvent.EXTENSION_REQUESTED, "2026-05-25T10:00:00-04:00")
                .build(), "us-fl-individuals");
        assertThat(tooLate.dueAt()).isEqualTo("2026-05-21T03:59:59Z");
    }

    @Test
    void nis2sFinalReportRunsFromHandlingWhenTheIncidentOutlastsTheFirstMonth() {
        FactsBuilder ongoing = awareAt("2026-03-02T08:00:00+01:00").timeZone("Europe/Berlin")
                .sector(Sector.NIS2_IMPORTANT_ENTITY)
                .event(IncidentEvent.CLASSIFIED_SIGNIFICANT, "2026-03-02T08:00:00+01:00")
                .fulfilled("nis2-art23-notification", "2026-03-04T08:00:00+01:00");

        assertThat(obligation(ongoing.event(IncidentEvent.INCIDENT_HANDLED, "2026-03-20T12:00:00+01:00").build(),
                "nis2-art23-final").dueAt()).isEqualTo("2026-04-04T06:00:00Z"); // 08:00 local, now CEST
        assertThat(obligation(ongoing.event(IncidentEvent.INCIDENT_HANDLED, "2026-05-10T12:00:00+02:00").build(),
                "nis2-art23-final").dueAt()).isEqualTo("2026-06-10T10:00:00Z");
    }

    @Test
    void dutiesWithoutAFixedDeadlineShowAConfigurableInternalTarget() {
        Facts facts = awareAt("2026-03-06T09:00:00+01:00").timeZone("Europe/Berlin").affected("DE", 1200)
                .data(DataCategory.NAME).risk(Risk.HIGH).build();
        RulesEngine threeDays = new RulesEngine(RULEBOOK, new EngineSettings(ZoneId.of("UTC"), Duration.ofDays(3)));

        Obligation art34 = obligation(facts, "gdpr-art34");
        assertThat(art34.dueAt()).isNull();
        assertThat(art34.targetAt()).isEqualTo("2026-03-13T08:00:00Z");
        assertThat(art34.basis()).isEqualTo("without undue delay (internal target: 7 days after awareness)");
        assertThat(EngineFixture.find(threeDays.evaluate(facts), "gdpr-art34").orElseThrow().targetAt())
                .isEqualTo("2026-03-09T08:00:00Z");
    }

    @Test
    void obligationsAreSortedSoonestFirstWithOpenEndedOnesLast() {
        Evaluation evaluation = EngineFixture.ENGINE.evaluate(awareAt("2026-03-06T09:00:00+01:00")
                .timeZone("Europe/Berlin").affected("DE", 1200).affected("US-TX", 300)
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID).risk(Risk.HIGH).build());

        assertThat(evaluation.obligations()).extracting(Obligation::ruleId)
                .startsWith("gdpr-art33", "us-tx-ag", "us-tx-individuals").endsWith("gdpr-art34");
    }
}
