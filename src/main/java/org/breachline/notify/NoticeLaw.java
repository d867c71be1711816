package org.breachline.notify;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Laws that prescribe the content of a breach notice to individuals, with the elements the catalog checks in every
 * e-mail template meant for their jurisdictions (see reference/notice-content.md; the check is per jurisdiction because
 * the laws conflict). Conditional elements ("if an SSN was exposed") are checked as slots: the template must be able to
 * say them.
 */
public enum NoticeLaw {
    /** Cal. Civ. Code § 1798.82(d): the title, five headings and the (d)(2) facts, in at least 10-point type. */
    CALIFORNIA(Set.of("US-CA"), List.of(
            LegalElement.heading("Notice of Data Breach", "Cal. Civ. Code § 1798.82(d)(1)"),
            LegalElement.heading("What Happened?", "Cal. Civ. Code § 1798.82(d)(1)"),
            LegalElement.heading("What Information Was Involved?", "Cal. Civ. Code § 1798.82(d)(1)"),
            LegalElement.heading("What We Are Doing.", "Cal. Civ. Code § 1798.82(d)(1)"),
            LegalElement.heading("What You Can Do.", "Cal. Civ. Code § 1798.82(d)(1)"),
            LegalElement.heading("For More Information.", "Cal. Civ. Code § 1798.82(d)(1)"),
            // The statute lists the headings in this order and the model form follows it, but does not say the order is mandatory.
            LegalElement.headingsInOrder("Cal. Civ. Code § 1798.82(d)(1)", "What Happened?", "What Information Was Involved?",
                    "What We Are Doing.", "What You Can Do.", "For More Information."),
            new LegalElement("text of at least 10-point type", "Cal. Civ. Code § 1798.82(d)(1)(C)",
                    new ElementCheck.MinimumFontSize(10), LegalElement.Force.REQUIRED),
            LegalElement.slot("name of the notifying business", "Cal. Civ. Code § 1798.82(d)(2)(A)", "organizationName"),
            LegalElement.slot("contact information of the notifying business", "Cal. Civ. Code § 1798.82(d)(2)(A)",
                    "contactPhone", "contactEmail", "contactWebsite", "organizationAddress"),
            LegalElement.slot("types of personal information breached", "Cal. Civ. Code § 1798.82(d)(2)(B)", "dataTypes"),
            LegalElement.slot("date of the breach", "Cal. Civ. Code § 1798.82(d)(2)(C)", "breachDate"),
            LegalElement.slot("date of the notice", "Cal. Civ. Code § 1798.82(d)(2)(C)", "noticeDate"),
            LegalElement.slot("whether notice was delayed by law enforcement", "Cal. Civ. Code § 1798.82(d)(2)(D)",
                    "lawEnforcementDelayed"),
            LegalElement.slot("general description of the incident", "Cal. Civ. Code § 1798.82(d)(2)(E)", "incidentDescription"),
            LegalElement.slot("credit reporting agencies when a government ID was exposed", "Cal. Civ. Code § 1798.82(d)(2)(F)",
                    "governmentIdExposed"),
            LegalElement.slot("offer of identity theft prevention services", "Cal. Civ. Code § 1798.82(d)(2)(G)",
                    "identityProtectionOffer"))),

    /**
     * Mass. G.L. c. 93H § 3(b) and § 3A: the resident's rights (police report, free security freeze) and, if SSNs were
     * exposed, the monitoring offer; the notice must not state the nature of the breach (nor the number of residents
     * affected, for which templates have no variable).
     */
    MASSACHUSETTS(Set.of("US-MA"), List.of(
            LegalElement.phrase("right to obtain a police report", "M.G.L. c. 93H § 3(b)", "police report"),
            LegalElement.phrase("how to request a security freeze", "M.G.L. c. 93H § 3(b)", "security freeze"),
            LegalElement.phrase("no charge for a security freeze", "M.G.L. c. 93H § 3(b) (as amended 2019)",
                    "no charge", "free of charge", "without charge"),
            LegalElement.slot("credit monitoring offer when Social Security numbers were exposed", "M.G.L. c. 93H § 3A(a)",
                    "identityProtectionOffer"),
            LegalElement.forbidden("the nature of the breach", "M.G.L. c. 93H § 3(b)",
                    "incidentDescription"))),

    /** GDPR and UK GDPR Art. 34(2) with Art. 33(3)(b)–(d). */
    GDPR(Set.of("EU", "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
            "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB"), List.of(
            LegalElement.slot("nature of the breach", "GDPR Art. 34(2)", "incidentDescription"),
            LegalElement.slot("name and contact details of the data protection officer or other contact point",
                    "GDPR Art. 34(2), 33(3)(b)", "dpoContact"),
            LegalElement.slot("likely consequences of the breach", "GDPR Art. 34(2), 33(3)(c)", "likelyConsequences"),
            LegalElement.slot("measures taken or proposed to address the breach", "GDPR Art. 34(2), 33(3)(d)", "measuresTaken"),
            LegalElement.guidanceSlot("advice on what the person can do to protect themselves", "WP250rev.01 part III",
                    "recommendedSteps"))),

    /** 45 CFR § 164.404(c), for covered entities; applied through {@link NoticeKind#BREACH_NOTICE_HIPAA}. */
    HIPAA(Set.of(), List.of(
            LegalElement.slot("description of what happened", "45 CFR § 164.404(c)(1)(A)", "incidentDescription"),
            LegalElement.slot("date of the breach", "45 CFR § 164.404(c)(1)(A)", "breachDate"),
            LegalElement.slot("date of discovery", "45 CFR § 164.404(c)(1)(A)", "discoveryDate"),
            LegalElement.slot("types of unsecured protected health information involved", "45 CFR § 164.404(c)(1)(B)", "dataTypes"),
            LegalElement.slot("steps individuals should take to protect themselves", "45 CFR § 164.404(c)(1)(C)", "recommendedSteps"),
            LegalElement.slot("what the covered entity is doing to investigate, mitigate and protect", "45 CFR § 164.404(c)(1)(D)",
                    "measuresTaken"),
            LegalElement.slot("contact procedures (toll-free number, e-mail address, web site or postal address)",
                    "45 CFR § 164.404(c)(1)(E)", "contactPhone", "contactEmail", "contactWebsite", "organizationAddress")));

    private final Set<String> jurisdictions;
    private final List<LegalElement> elements;

    NoticeLaw(Set<String> jurisdictions, List<LegalElement> elements) {
        this.jurisdictions = jurisdictions;
        this.elements = elements;
    }

    public List<LegalElement> elements() {
        return elements;
    }

    /** The laws whose content rules apply to a notice for a person in {@code jurisdiction} (country, subdivision or EU). */
    public static Set<NoticeLaw> forJurisdiction(String jurisdiction) {
        Set<NoticeLaw> laws = EnumSet.noneOf(NoticeLaw.class);
        if (jurisdiction == null) {
            return laws;
        }
        String country = countryOf(jurisdiction);
        for (NoticeLaw law : values()) {
            if (law.jurisdictions.contains(jurisdiction) || law.jurisdictions.contains(country)) {
                laws.add(law);
            }
        }
        return laws;
    }

    /** The regional group of a jurisdiction that templates may target as a whole: {@code EU} for GDPR countries. */
    static String groupOf(String jurisdiction) {
        String country = countryOf(jurisdiction);
        return GDPR.jurisdictions.contains(country) && !country.equals("GB") && !country.equals("EU") ? "EU" : null;
    }

    static String countryOf(String jurisdiction) {
        int dash = jurisdiction.indexOf('-');
        return dash < 0 ? jurisdiction : jurisdiction.substring(0, dash);
    }
}
