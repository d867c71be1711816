package org.breachline.rules;

import java.util.Optional;

/** The shipped rulebook and an engine with default settings, shared by the focused tests. */
final class EngineFixture {

    static final Rulebook RULEBOOK = Rulebook.load();
    static final RulesEngine ENGINE = new RulesEngine(RULEBOOK, EngineSettings.defaults());

    private EngineFixture() {
    }

    static Obligation obligation(Facts facts, String ruleId) {
        Evaluation evaluation = ENGINE.evaluate(facts);
        return find(evaluation, ruleId).orElseThrow(() -> new AssertionError(ruleId + " is not an obligation: "
                + notRequired(evaluation, ruleId).map(NotRequired::reason).orElse("not considered")));
    }

    static NotRequired notRequired(Facts facts, String ruleId) {
        Evaluation evaluation = ENGINE.evaluate(facts);
        return notRequired(evaluation, ruleId).orElseThrow(() -> new AssertionError(ruleId + " is not in notRequired: "
                + find(evaluation, ruleId).map(Obligation::toString).orElse("not considered")));
    }

    static Optional<Obligation> find(Evaluation evaluation, String ruleId) {
        return evaluation.obligations().stream().filter(o -> o.ruleId().equals(ruleId)).findFirst();
    }

    static Optional<NotRequired> notRequired(Evaluation evaluation, String ruleId) {
        return evaluation.notRequired().stream().filter(n -> n.ruleId().equals(ruleId)).findFirst();
    }
}
