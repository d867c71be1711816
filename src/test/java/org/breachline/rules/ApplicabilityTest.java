package org.breachline.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.rules.EngineFixture.ENGINE;
import static org.breachline.rules.EngineFixture.notRequired;
import static org.breachline.rules.EngineFixture.obligation;
import static org.breachline.rules.FactsBuilder.awareAt;

/** Which rules apply: thresholds, safe harbours, roles, dates, supersession and touched jurisdictions. */
class ApplicabilityTest {

    private static FactsBuilder ssnBreach() {
        return awareAt("2026-04-13T10:00:00-04:00").timeZone("America/New_York")
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID);
    }

    @Test
    void fiveHundredOrMoreTriggersAtExactlyFiveHundred() {
        assertThat(obligation(ssnBreach().affected("US-FL", 500).build(), "us-fl-dept").deadlineKind())
                .isEqualTo(DeadlineKind.FIXED);
        assertThat(notRequired(ssnBreach().affected("US-FL", 499).build(), "us-fl-dept").reason())
                .isEqualTo("fewer than 500 affected individuals in Florida (499)");
    }

    @Test
    void moreThanFiveHundredDoesNotTriggerAtFiveHundred() {
        assertThat(notRequired(ssnBreach().affected("US-WA", 500).build(), "us-wa-ag").reason())
                .isEqualTo("not more than 500 affected Washington residents (500)");
        assertThat(obligation(ssnBreach().affected("US-WA", 501).build(), "us-wa-ag").deadlineKind())
                .isEqualTo(DeadlineKind.FIXED);
    }

    @Test
    void federalThresholdsAddUpTheStatesButTheHipaaMediaNoticeCountsOneState() {
        FactsBuilder hospital = awareAt("2026-08-03T09:00:00-04:00").timeZone("America/New_York")
                .sector(Sector.HIPAA_COVERED_ENTITY).data(DataCategory.HEALTH).risk(Risk.HIGH)
                .affected("US-NY", 500).affected("US-NJ", 500);

        assertThat(notRequired(hospital.build(), "us-hipaa-media").reason()).startsWith("not more than 500");
        assertThat(obligation(hospital.build(), "us-hipaa-hhs-500plus").recipient())
                .isEqualTo(Recipient.SECTOR_REGULATOR);
        assertThat(notRequired(hospital.build(), "us-hipaa-hhs-under500").reason()).startsWith("500 or more");
    }

    @Test
    void encryptedDataWithASafeKeyIsInTheSafeHarbourButACompromisedKeyVoidsIt() {
        FactsBuilder laptop = ssnBreach().affected("US-CA", 2000);

        assertThat(notRequired(laptop.encryption(Encryption.ENCRYPTED).build(), "us-ca-individuals").reason())
                .isEqualTo("encryption safe harbour (ENCRYPTED)");
        assertThat(notRequired(laptop.encryption(Encryption.ENCRYPTED).build(), "us-ca-ag").reason())
                .startsWith("no us-ca-individuals obligation: encryption safe harbour");
        assertThat(obligation(laptop.encryption(Encryption.ENCRYPTED_KEY_COMPROMISED).build(), "us-ca-individuals")
                .deadlineKind()).isEqualTo(DeadlineKind.FIXED);
    }

    @Test
    void gdprArticle34NeedsHighRiskWhileArticle33NeedsOnlyRisk() {
        FactsBuilder breach = awareAt("2026-05-04T08:00:00Z").timeZone("Europe/Dublin").affected("IE", 900)
                .data(DataCategory.EMAIL).risk(Risk.RISK);

        assertThat(obligation(breach.build(), "gdpr-art33").dueAt()).isEqualTo("2026-05-07T08:00:00Z");
        assertThat(notRequired(breach.build(), "gdpr-art34").reason()).isEqualTo("risk too low (RISK, needs at least HIGH)");
        assertThat(notRequired(breach.risk(Risk.LOW).build(), "gdpr-art33").reason()).startsWith("risk too low");
    }

    @Test
    void aProcessorOwesItsControllerNoticeAndShowsTheControllersClockFromWhenItToldTheController() {
        FactsBuilder processor = awareAt("2026-06-05T17:00:00+02:00").timeZone("Europe/Berlin").role(Role.PROCESSOR)
                .affected("DE", 2500).data(DataCategory.EMAIL).risk(Risk.RISK);

        Obligation toController = obligation(processor.build(), "gdpr-art33-2-processor");
        assertThat(toController.recipient()).isEqualTo(Recipient.CONTROLLER);
        assertThat(toController.deadlineKind()).isEqualTo(DeadlineKind.NO_FIXED_DEADLINE);
        assertThat(obligation(processor.build(), "gdpr-art33").deadlineKind()).isEqualTo(DeadlineKind.WAITING);

        Obligation controllers = obligation(processor.event(IncidentEvent.CONTROLLER_INFORMED,
                "2026-06-08T09:00:00+02:00").build(), "gdpr-art33");
        assertThat(controllers.dueAt()).isEqualTo("2026-06-11T07:00:00Z");
        assertThat(controllers.basis()).contains("counted from the processor informing the controller");
    }

    @Test
    void aControllerDoesNotOweTheProcessorsNotice() {
        Facts controller = awareAt("2026-06-05T17:00:00+02:00").affected("DE", 10).data(DataCategory.EMAIL).build();

        assertThat(notRequired(controller, "gdpr-art33-2-processor").reason())
                .isEqualTo("binds PROCESSOR, not a controller");
    }

    @Test
    void californiaRulesAreVersionedByTheDateOfDiscovery() {
        FactsBuilder before = awareAt("2025-12-20T09:00:00-08:00").timeZone("America/Los_Angeles")
                .affected("US-CA", 700).data(DataCategory.NAME, DataCategory.DRIVERS_LICENSE);
        FactsBuilder after = awareAt("2026-01-02T09:00:00-08:00").timeZone("America/Los_Angeles")
                .affected("US-CA", 700).data(DataCategory.NAME, DataCategory.DRIVERS_LICENSE);

        assertThat(obligation(before.build(), "us-ca-individuals-pre2026").deadlineKind())
                .isEqualTo(DeadlineKind.NO_FIXED_DEADLINE);
        assertThat(notRequired(before.build(), "us-ca-individuals").reason())
                .isEqualTo("not in force on 2025-12-20 (in force from 2026-01-01)");
        assertThat(obligation(after.build(), "us-ca-individuals").dueAt()).isEqualTo("2026-02-02T07:59:59Z");
        assertThat(notRequired(after.build(), "us-ca-individuals-pre2026").reason())
                .isEqualTo("not in force on 2026-01-02 (in force until 2025-12-31)");
    }

    @Test
    void rulesThatAreNotLawNeverApply() {
        Facts pakistan = awareAt("2026-03-14T23:00:00+05:00").timeZone("Asia/Karachi").affected("PK", 10)
                .data(DataCategory.NAME).build();

        assertThat(notRequired(pakistan, "pk-pdpb-2023-draft").reason()).isEqualTo("not in force (draft)");
    }

    @Test
    void aTrustServiceProvidersTwentyFourHourNotificationSupersedesTheSeventyTwoHourOne() {
        Facts facts = awareAt("2026-09-14T09:00:00+02:00").timeZone("Europe/Vienna")
                .sector(Sector.NIS2_ESSENTIAL_ENTITY).sector(Sector.EU_TRUST_SERVICE_PROVIDER)
                .event(IncidentEvent.CLASSIFIED_SIGNIFICANT, "2026-09-14T09:00:00+02:00").build();

        assertThat(notRequired(facts, "nis2-art23-notification").reason()).isEqualTo("superseded by nis2-art23-tsp");
        assertThat(obligation(facts, "nis2-art23-tsp").dueAt()).isEqualTo("2026-09-15T07:00:00Z");
    }

    @Test
    void koreaReportsBelowAThousandOnlyWhenLeakedByAnOutsideAttack() {
        FactsBuilder leak = awareAt("2026-09-01T10:00:00+09:00").timeZone("Asia/Seoul").affected("KR", 800)
                .data(DataCategory.NAME, DataCategory.PHONE);

        assertThat(obligation(leak.cause(Cause.EXTERNAL_ATTACK).build(), "kr-pipa-pipc").dueAt())
                .isEqualTo("2026-09-04T01:00:00Z");
        assertThat(notRequired(leak.cause(Cause.ACCIDENTAL_DISCLOSURE).build(), "kr-pipa-pipc").reason())
                .startsWith("none of the alternatives holds");
    }

    @Test
    void onlyRulesOfTouchedJurisdictionsAreListed() {
        Evaluation evaluation = ENGINE.evaluate(awareAt("2026-03-06T09:00:00+01:00").affected("DE", 10)
                .data(DataCategory.EMAIL).build());

        assertThat(evaluation.notRequired()).extracting(NotRequired::jurisdiction).containsOnly("EU");
        assertThat(evaluation.obligations()).extracting(Obligation::jurisdiction).containsOnly("EU");
    }

    @Test
    void anEstablishmentTouchesTheEuEvenWithoutAffectedResidents() {
        Evaluation evaluation = ENGINE.evaluate(awareAt("2026-03-06T09:00:00+01:00").establishment("DE")
                .affected("US-TX", 3).data(DataCategory.EMAIL).build());

        assertThat(evaluation.obligations()).extracting(Obligation::ruleId).contains("gdpr-art33");
    }
}
