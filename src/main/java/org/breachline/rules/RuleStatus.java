package org.breachline.rules;

/** Legislative status of a rule: only rules IN_FORCE can apply, and then only within their effective dates. */
public enum RuleStatus {
    IN_FORCE, ADOPTED_NOT_YET_EFFECTIVE, PROPOSED, DRAFT;

    String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
