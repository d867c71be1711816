package org.breachline.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Whether a rule applies to an incident's facts, or why it is not required: one named value per outcome. */
public sealed interface Applicability {

    /** Whether the rule applies. */
    default boolean applies() {
        return this instanceof Applies;
    }

    /** The outcome in words, as shown in {@code notRequired}. */
    String reason();

    /** The rule applies. */
    record Applies() implements Applicability {
        @Override
        public String reason() {
            return "applies";
        }
    }

    /** The rule is not law (yet): a draft, a proposal, adopted but not in force. */
    record NotLaw(RuleStatus status, String note) implements Applicability {
        @Override
        public String reason() {
            return "not in force (" + status.words() + ")";
        }
    }

    /** The rule is law, but not on the date of the incident. */
    record NotInForceOn(LocalDate date, LocalDate from, LocalDate to) implements Applicability {
        @Override
        public String reason() {
            String window = from != null && date.isBefore(from) ? "in force from " + from : "in force until " + to;
            return "not in force on " + date + " (" + window + ")";
        }
    }

    /** Another rule takes this one's place for these facts. */
    record Superseded(String byRuleId) implements Applicability {
        @Override
        public String reason() {
            return "superseded by " + byRuleId;
        }
    }

    /** The rule is owed only with another that is not required here. */
    record DependencyNotRequired(String ruleId, String dependencyReason) implements Applicability {
        @Override
        public String reason() {
            return "no " + ruleId + " obligation: " + dependencyReason;
        }
    }

    /** The organisation's role is not one the rule binds. */
    record RoleNotBound(Role role, Set<Role> roles) implements Applicability {
        @Override
        public String reason() {
            return "binds " + words(roles) + ", not a " + role.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The organisation is in none of the rule's sectors. */
    record SectorNotCovered(Set<Sector> sectors) implements Applicability {
        @Override
        public String reason() {
            return "not in a covered sector (" + words(sectors) + ")";
        }
    }

    /** No personal data is involved. */
    record NoPersonalData() implements Applicability {
        @Override
        public String reason() {
            return "no personal data involved";
        }
    }

    /** No combination of data elements that the law names is involved. */
    record NoTriggeringData(Set<DataCategory> involved) implements Applicability {
        @Override
        public String reason() {
            return "no triggering data category (" + (involved.isEmpty() ? "none involved" : words(involved)) + ")";
        }
    }

    /** The cause of the breach is not one the rule covers. */
    record CauseNotCovered(Cause cause, Set<Cause> causes) implements Applicability {
        @Override
        public String reason() {
            return "cause " + cause + " is not one of " + words(causes);
        }
    }

    /** The assessed risk is below the rule's harm threshold. */
    record RiskTooLow(Risk risk, Risk minimum) implements Applicability {
        @Override
        public String reason() {
            return "risk too low (" + risk + ", needs at least " + minimum + ")";
        }
    }

    /** The rule covers only a no-harm finding, and the assessed risk is higher. */
    record RiskAboveCeiling(Risk risk, Risk maximum) implements Applicability {
        @Override
        public String reason() {
            return "risk " + risk + " is above " + maximum + " (notice owed only on a no-harm finding)";
        }
    }

    /** The data was encrypted and the key was not compromised (or the law ignores the key). */
    record EncryptionSafeHarbour(Encryption encryption) implements Applicability {
        @Override
        public String reason() {
            return "encryption safe harbour (" + encryption + ")";
        }
    }

    /** Too few (or too many) affected people for the rule's threshold. */
    record BelowThreshold(String words) implements Applicability {
        @Override
        public String reason() {
            return words;
        }
    }

    /** None of the alternatives of the trigger's {@code anyOf} holds. */
    record NoAlternativeHolds(List<String> reasons) implements Applicability {
        @Override
        public String reason() {
            return "none of the alternatives holds (" + String.join("; ", reasons) + ")";
        }
    }

    /** An event the rule exists for has not happened. */
    record EventAbsent(IncidentEvent event) implements Applicability {
        @Override
        public String reason() {
            return "only after events." + event.jsonName() + ", which the facts do not have";
        }
    }

    private static String words(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(", "));
    }
}
