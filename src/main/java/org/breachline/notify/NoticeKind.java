package org.breachline.notify;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of notice Breachline sends, each a folder of {@code templates/} with the variables its templates may use
 * (documented in {@code templates/README.md}) and the channels it may go out on.
 */
public enum NoticeKind {
    /** The breach notice to an affected person. */
    BREACH_NOTICE("breach-notice", EnumSet.allOf(Channel.class), Set.of(), Variables.BREACH_NOTICE),
    /**
     * The breach notice of a HIPAA covered entity (45 CFR § 164.404): every template must carry § 164.404(c)'s elements,
     * whatever its locale or jurisdiction. E-mail only (HIPAA never accepts an SMS as the notice), plus the in-app copy
     * of that same e-mail notice over the webhook.
     */
    BREACH_NOTICE_HIPAA("breach-notice-hipaa", EnumSet.of(Channel.EMAIL, Channel.WEBHOOK), Set.of(NoticeLaw.HIPAA),
            Variables.BREACH_NOTICE),
    /** Tells an incident responder that a regulator deadline is near or overdue. */
    RESPONDER_REMINDER("responder-reminder", EnumSet.allOf(Channel.class), Set.of(), Variables.RESPONDER_REMINDER);

    private final String folder;
    private final Set<Channel> channels;
    private final Set<NoticeLaw> laws;
    private final Set<String> variables;

    NoticeKind(String folder, Set<Channel> channels, Set<NoticeLaw> laws, Set<String> variables) {
        this.folder = folder;
        this.channels = Set.copyOf(channels);
        this.laws = laws;
        this.variables = variables;
    }

    public String folder() {
        return folder;
    }

    /** The channels this kind may be sent on; a template folder for another channel is refused. */
    public Set<Channel> channels() {
        return channels;
    }

    /** Laws every e-mail template of this kind must satisfy, in addition to its jurisdiction's. */
    public Set<NoticeLaw> laws() {
        return laws;
    }

    /** The variable names a template of this kind may use; any other is refused when the catalog loads. */
    public Set<String> variables() {
        return variables;
    }

    /** The shape a campaign gives a variable in: text unless documented as a list or a flag. */
    VariableType variableType(String name) {
        if (Variables.LISTS.contains(name)) {
            return VariableType.LIST_OF_TEXT;
        }
        return Variables.FLAGS.contains(name) ? VariableType.FLAG : VariableType.TEXT;
    }

    /**
     * Variables a campaign of this kind must give before it can be approved, each group satisfied by any one of its
     * names: every law on our list wants the notice to say who sends it and how to reach them (Cal. Civ. Code
     * § 1798.82(d)(2)(A), GDPR Art. 34(2) with 33(3)(b), 45 CFR § 164.404(c)(1)(E)); without them the templates
     * render a notice "from" no one.
     */
    public List<Set<String>> requiredBeforeApproval() {
        return this == RESPONDER_REMINDER ? List.of() : List.of(Set.of("organizationName"),
                Set.of("contactPhone", "contactEmail", "contactWebsite", "organizationAddress"));
    }

    static Optional<NoticeKind> fromFolder(String folder) {
        for (NoticeKind kind : values()) {
            if (kind.folder.equals(folder)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The documented variable sets; {@code templates/README.md} describes each. */
    static final class Variables {
        static final Set<String> BREACH_NOTICE = Set.of(
                // the person
                "personName", "personReference",
                // the notifying organisation
                "organizationName", "organizationAddress", "contactPhone", "contactEmail", "contactWebsite", "dpoContact",
                // the incident
                "incidentKey", "incidentDescription", "breachDate", "discoveryDate", "noticeDate", "dataTypes",
                "likelyConsequences", "measuresTaken", "recommendedSteps", "lawEnforcementDelayed", "governmentIdExposed",
                "identityProtectionOffer", "identityProtectionEnrollment", "supplementaryInformation",
                // the full notice, for channels that only alert
                "noticeUrl");

        static final Set<String> RESPONDER_REMINDER = Set.of(
                "responderName", "incidentKey", "incidentTitle", "ruleId", "ruleCitation", "obligationRecipient",
                "jurisdiction", "dueAt", "timeRemaining", "overdue", "link");

        static final Set<String> LISTS = Set.of("dataTypes");

        static final Set<String> FLAGS = Set.of("lawEnforcementDelayed", "governmentIdExposed", "overdue");

        private Variables() {
        }
    }
}
