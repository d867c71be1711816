package org.breachline.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of a {@link Trigger}, each a small named test that answers {@link Applicability}: the first that
 * does not hold says why a rule is not required.
 */
final class TriggerConditions {

    /** One condition of a trigger. */
    @FunctionalInterface
    interface Condition {
        Applicability test(Trigger trigger, Facts facts, String jurisdiction);
    }

    private static final Applicability APPLIES = new Applicability.Applies();

    private static final List<Condition> CONDITIONS = List.of(
            TriggerConditions::role,
            TriggerConditions::sector,
            TriggerConditions::personalData,
            TriggerConditions::dataCategories,
            TriggerConditions::cause,
            TriggerConditions::minimumRisk,
            TriggerConditions::maximumRisk,
            TriggerConditions::encryption,
            TriggerConditions::affectedCount,
            TriggerConditions::anyOf);

    private TriggerConditions() {
    }

    /** Whether all of the trigger's conditions hold, counting affected people in {@code jurisdiction}. */
    static Applicability test(Trigger trigger, Facts facts, String jurisdiction) {
        for (Condition condition : CONDITIONS) {
            Applicability outcome = condition.test(trigger, facts, jurisdiction);
            if (!outcome.applies()) {
                return outcome;
            }
        }
        return APPLIES;
    }

    private static Applicability role(Trigger trigger, Facts facts, String jurisdiction) {
        return trigger.roles().isEmpty() || trigger.roles().contains(facts.role()) ? APPLIES
                : new Applicability.RoleNotBound(facts.role(), trigger.roles());
    }

    private static Applicability sector(Trigger trigger, Facts facts, String jurisdiction) {
        return trigger.sectors().isEmpty() || trigger.sectors().stream().anyMatch(facts.sectors()::contains)
                ? APPLIES : new Applicability.SectorNotCovered(trigger.sectors());
    }

    private static Applicability personalData(Trigger trigger, Facts facts, String jurisdiction) {
        return Boolean.TRUE.equals(trigger.personalData()) && !facts.involvesPersonalData()
                ? new Applicability.NoPersonalData() : APPLIES;
    }

    private static Applicability dataCategories(Trigger trigger, Facts facts, String jurisdiction) {
        return trigger.dataCategories().isEmpty()
                || trigger.dataCategories().stream().anyMatch(facts.dataCategories()::containsAll)
                ? APPLIES : new Applicability.NoTriggeringData(facts.dataCategories());
    }

    private static Applicability cause(Trigger trigger, Facts facts, String jurisdiction) {
        if (trigger.causes().isEmpty() || trigger.causes().contains(facts.cause())) {
            return APPLIES;
        }
        // An unknown cause matches unless the law insists on the cause being established.
        return facts.cause() == Cause.UNKNOWN && !trigger.causesStrict() ? APPLIES
                : new Applicability.CauseNotCovered(facts.cause(), trigger.causes());
    }

    private static Applicability minimumRisk(Trigger trigger, Facts facts, String jurisdiction) {
        return trigger.minRisk() == null || facts.risk().atLeast(trigger.minRisk()) ? APPLIES
                : new Applicability.RiskTooLow(facts.risk(), trigger.minRisk());
    }

    private static Applicability maximumRisk(Trigger trigger, Facts facts, String jurisdiction) {
        return trigger.maxRisk() == null || trigger.maxRisk().atLeast(facts.risk()) ? APPLIES
                : new Applicability.RiskAboveCeiling(facts.risk(), trigger.maxRisk());
    }

    private static Applicability encryption(Trigger trigger, Facts facts, String jurisdiction) {
        if (!trigger.encryptionSafeHarbour()) {
            return APPLIES;
        }
        boolean protectedData = facts.encryption() == Encryption.ENCRYPTED
                || facts.encryption() == Encryption.ENCRYPTED_KEY_COMPROMISED && !trigger.keyCompromiseVoids();
        return protectedData ? new Applicability.EncryptionSafeHarbour(facts.encryption()) : APPLIES;
    }

    private static Applicability affectedCount(Trigger trigger, Facts facts, String jurisdiction) {
        AffectedCount condition = trigger.affectedCount();
        if (condition == null) {
            return APPLIES;
        }
        int count = Jurisdictions.count(jurisdiction, facts.affected(), AffectedThreshold.Counting.TOTAL);
        return condition.op().holds(count, condition.value()) ? APPLIES : new Applicability.BelowThreshold(
                condition.op().failure(condition.value(), "people affected in " + jurisdiction, count));
    }

    private static Applicability anyOf(Trigger trigger, Facts facts, String jurisdiction) {
        if (trigger.anyOf().isEmpty()) {
            return APPLIES;
        }
        List<String> reasons = new ArrayList<>();
        for (Trigger alternative : trigger.anyOf()) {
            Applicability outcome = test(alternative, facts, jurisdiction);
            if (outcome.applies()) {
                return APPLIES;
            }
            reasons.add(outcome.reason());
        }
        return new Applicability.NoAlternativeHolds(reasons);
    }
}
