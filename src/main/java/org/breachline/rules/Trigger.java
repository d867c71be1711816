package org.breachline.rules;

import java.util.List;
import java.util.Set;

/**
 * When a rule applies, in the machine-readable form of rule-triggers.md; an absent key is no restriction.
 * The same shape is used for the alternatives of {@code anyOf}, which may also carry an {@code affectedCount}.
 */
public record Trigger(Set<Role> roles, Set<Sector> sectors, Boolean personalData,
                      List<Set<DataCategory>> dataCategories, Set<Cause> causes, boolean causesStrict,
                      Risk minRisk, Risk maxRisk, boolean encryptionSafeHarbour, boolean keyCompromiseVoids,
                      String dependsOn, String supersededBy, List<Trigger> anyOf, AffectedCount affectedCount) {

    public Trigger {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        sectors = sectors == null ? Set.of() : Set.copyOf(sectors);
        dataCategories = dataCategories == null ? List.of() : dataCategories.stream().map(Set::copyOf).toList();
        causes = causes == null ? Set.of() : Set.copyOf(causes);
        anyOf = anyOf == null ? List.of() : List.copyOf(anyOf);
    }
}
