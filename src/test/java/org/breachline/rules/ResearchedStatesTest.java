package org.breachline.rules;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.breachline.rules.EngineFixture.ENGINE;
import static org.breachline.rules.EngineFixture.notRequired;
import static org.breachline.rules.EngineFixture.obligation;
import static org.breachline.rules.FactsBuilder.awareAt;

/**
 * The shapes the researched US rules (us-states-researched.yaml) use that no reference rule did before: a notice owed
 * only on a no-harm finding, statutes gated by sector, consumer-protection offices, processor duties. The worked
 * cases check their deadlines; these check what the cases do not show (recipients, reasons).
 */
class ResearchedStatesTest {

    private static FactsBuilder ssnBreach(String state, int affected) {
        return awareAt("2026-06-01T09:00:00-05:00").timeZone("America/Chicago").risk(Risk.RISK)
                .data(DataCategory.NAME, DataCategory.GOVERNMENT_ID).affected(state, affected);
    }

    @Test
    void consumerProtectionOfficesAreNotTheAttorneyGeneral() {
        assertThat(obligation(ssnBreach("US-HI", 1001).build(), "us-hi-ocp").recipient())
                .isEqualTo(Recipient.SECTOR_REGULATOR);
        assertThat(obligation(ssnBreach("US-SC", 1001).build(), "us-sc-dca").recipient())
                .isEqualTo(Recipient.SECTOR_REGULATOR);
        assertThat(obligation(ssnBreach("US-MO", 1001).build(), "us-mo-ag").recipient())
                .isEqualTo(Recipient.ATTORNEY_GENERAL);
    }

    @Test
    void alaskasAttorneyGeneralIsToldOnlyWhenTheResidentsAreNot() {
        assertThat(notRequired(ssnBreach("US-AK", 10).risk(Risk.HIGH).build(), "us-ak-ag").reason())
                .isEqualTo("risk HIGH is above LOW (notice owed only on a no-harm finding)");
        assertThat(obligation(ssnBreach("US-AK", 10).risk(Risk.NONE).build(), "us-ak-ag").deadlineKind())
                .isEqualTo(DeadlineKind.NO_FIXED_DEADLINE);
        assertThat(notRequired(ssnBreach("US-AK", 10).risk(Risk.NONE).build(), "us-ak-individuals").reason())
                .startsWith("risk too low");
    }

    @Test
    void georgiasStatuteBindsOnlyInformationBrokersAndAgencies() {
        assertThat(notRequired(ssnBreach("US-GA", 20_000).build(), "us-ga-individuals").reason())
                .isEqualTo("not in a covered sector (US_INFORMATION_BROKER, US_PUBLIC_AGENCY)");
        assertThat(obligation(ssnBreach("US-GA", 5).sector(Sector.US_PUBLIC_AGENCY).build(), "us-ga-individuals")
                .recipient()).isEqualTo(Recipient.INDIVIDUALS);
        // The sector alone (a broker with no Georgia residents) does not bring Georgia in.
        Evaluation elsewhere = ENGINE.evaluate(ssnBreach("US-FL", 20_000).sector(Sector.US_INFORMATION_BROKER).build());
        assertThat(elsewhere.obligations()).extracting(Obligation::ruleId).noneMatch(id -> id.startsWith("us-ga-"));
    }

    @Test
    void aServiceProvidersDutyGoesToTheDataOwnerAndNotToAController() {
        assertThat(obligation(ssnBreach("US-VA", 40).role(Role.PROCESSOR).build(), "us-va-processor").recipient())
                .isEqualTo(Recipient.CONTROLLER);
        assertThat(notRequired(ssnBreach("US-VA", 40).build(), "us-va-processor").reason())
                .isEqualTo("binds PROCESSOR, not a controller");
    }

    @Test
    void nebraskasAttorneyGeneralWaitsForTheResidentNotice() {
        assertThat(obligation(ssnBreach("US-NE", 12).build(), "us-ne-ag").deadlineKind())
                .isEqualTo(DeadlineKind.WAITING);
    }
}
