package org.breachline.incident;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * A fact a stage move cannot do without. Each requirement names the field at fault so that a refused move
 * tells the responder exactly what to fill in.
 */
enum StageRequirement {
    AWARENESS_TIME("awareAt", "must be set before leaving DETECTION: the regulators' clocks start from it",
            (i, r) -> !(i.stage() == Stage.DETECTION && r.to() == Stage.CONTAINMENT) || i.facts().awareAt() != null),
    RISK_ASSESSED("risk", "must be assessed before leaving ASSESSMENT",
            (i, r) -> i.stage() != Stage.ASSESSMENT || i.facts().risk() != null),
    CONTROLLER_KNOWN("controllerContact", "must be set for a PROCESSOR before leaving ASSESSMENT: the controller is owed notice",
            (i, r) -> i.stage() != Stage.ASSESSMENT || i.facts().role() != ProcessingRole.PROCESSOR
                    || i.facts().controllerContact() != null),
    FALSE_POSITIVE_EXPLAINED("note", "must say why this is a false positive when closing from DETECTION",
            (i, r) -> !(i.stage() == Stage.DETECTION && r.to() == Stage.CLOSED) || hasText(r.note())),
    REOPEN_REASON("reason", "must be given to reopen a closed incident",
            (i, r) -> i.stage() != Stage.CLOSED || hasText(r.reason()));

    private final String field;
    private final String problem;
    private final BiPredicate<Incident, TransitionRequest> satisfied;

    StageRequirement(String field, String problem, BiPredicate<Incident, TransitionRequest> satisfied) {
        this.field = field;
        this.problem = problem;
        this.satisfied = satisfied;
    }

    String field() {
        return field;
    }

    String problem() {
        return problem;
    }

    static List<StageRequirement> unmet(Incident incident, TransitionRequest request) {
        return java.util.Arrays.stream(values()).filter(r -> !r.satisfied.test(incident, request)).toList();
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }
}
