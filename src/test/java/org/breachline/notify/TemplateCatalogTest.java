package org.breachline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {
    private static final String CALIFORNIA = "breach-notice/email/en-US-CA.mustache";
    private static final String GERMAN = "breach-notice/email/de.mustache";
    private static final String ENGLISH = "breach-notice/email/en.mustache";
    private static final String HIPAA = "breach-notice-hipaa/email/en.mustache";
    private static final String SMS = "breach-notice/sms/en.mustache";

    @TempDir
    Path tempDir;

    private TemplateFolder folder() {
        return TemplateFolder.copyOfShipped(tempDir);
    }

    @Test
    void loadsEveryShippedTemplate() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        assertThat(catalog.templates()).extracting(NoticeTemplate::file).containsExactlyInAnyOrder(
                "breach-notice/email/en.mustache", "breach-notice/email/en-US-CA.mustache", "breach-notice/email/en-US-MA.mustache",
                "breach-notice/email/en-EU.mustache", "breach-notice/email/de.mustache",
                "breach-notice/sms/en.mustache", "breach-notice/sms/de.mustache",
                "breach-notice-hipaa/email/en.mustache",
                "responder-reminder/email/en.mustache", "responder-reminder/sms/en.mustache");
    }

    @Test
    void shippedTemplatesFollowTheGuidanceToo() {
        assertThat(TemplateCatalog.load(TemplateFolder.SHIPPED).warnings()).isEmpty();
    }

    @Test
    void warnsButLoadsWhenCaliforniasHeadingsAreOutOfOrder() {
        var swapped = folder().replace(CALIFORNIA, "What We Are Doing.", "@@")
                .replace(CALIFORNIA, "What You Can Do.", "What We Are Doing.")
                .replace(CALIFORNIA, "@@", "What You Can Do.");

        var catalog = swapped.load();

        assertThat(catalog.warnings()).extracting(TemplateProblem::toString).anySatisfy(warning -> assertThat(warning)
                .startsWith(CALIFORNIA + ": the html part lacks headings in the order").contains("recommended by"));
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-CA").file()).isEqualTo(CALIFORNIA);
    }

    @Test
    void warnsButLoadsWhenAGdprNoticeGivesNoAdviceToThePerson() {
        var catalog = folder().replace("breach-notice/email/en-EU.mustache", "{{recommendedSteps}}", "").load();

        assertThat(catalog.warnings()).extracting(TemplateProblem::message)
                .contains("the text part lacks advice on what the person can do to protect themselves (variable recommendedSteps),"
                        + " recommended by WP250rev.01 part III (GDPR)");
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en", "FR").file()).isEqualTo("breach-notice/email/en-EU.mustache");
    }

    @Test
    void findsWhichLawsEachShippedEmailTemplateSatisfies() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-CA").laws()).contains(NoticeLaw.CALIFORNIA);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en", "FR").laws()).contains(NoticeLaw.GDPR);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "de", "DE").laws()).contains(NoticeLaw.GDPR);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE_HIPAA, Channel.EMAIL, "en", "US").laws()).contains(NoticeLaw.HIPAA);
    }

    @Test
    void refusesACaliforniaVariantMissingAHeadingAndNamesIt() {
        var broken = folder().replace(CALIFORNIA, "What You Can Do.", "Next steps");

        assertThatThrownBy(broken::load)
                .isInstanceOf(TemplateRejectedException.class)
                .hasMessageContaining(CALIFORNIA + ": the html part lacks heading \"What You Can Do.\"")
                .hasMessageContaining(CALIFORNIA + ": the text part lacks heading \"What You Can Do.\"")
                .hasMessageContaining("§ 1798.82(d)(1)");
    }

    @Test
    void refusesACaliforniaVariantWithoutItsTitle() {
        var broken = folder().replace(CALIFORNIA, "Notice of Data Breach</h1>", "Security update</h1>")
                .replace(CALIFORNIA, "<title>Notice of Data Breach</title>", "<title>Update</title>");

        assertThatThrownBy(broken::load).hasMessageContaining("html part lacks heading \"Notice of Data Breach\"");
    }

    @Test
    void doesNotCountAHeadingThatOnlyAConditionalSectionShows() {
        var broken = folder().replace(CALIFORNIA, "<h2 style=\"font-size: 20px;\">What Happened?</h2>",
                "{{#incidentDescription}}<h2 style=\"font-size: 20px;\">What Happened?</h2>{{/incidentDescription}}");

        assertThatThrownBy(broken::load).hasMessageContaining("html part lacks heading \"What Happened?\"");
    }

    @Test
    void matchesHeadingsCaseInsensitivelyWithOrWithoutTrailingPunctuation() {
        var relaxed = folder().replace(CALIFORNIA, "What We Are Doing.", "WHAT WE ARE DOING")
                .replace(CALIFORNIA, "What Happened?", "## What happened");

        assertThat(relaxed.load().templates()).hasSize(10);
    }

    @Test
    void refusesACaliforniaVariantWithTextSmallerThanTenPoint() {
        var broken = folder().replace(CALIFORNIA, "font-size: 16px", "font-size: 12px");

        assertThatThrownBy(broken::load).hasMessageContaining("lacks text of at least 10-point type");
    }

    @Test
    void refusesACaliforniaVariantWithoutASlotForTheBreachDate() {
        var broken = folder().replace(CALIFORNIA, "{{breachDate}}", "recently");

        assertThatThrownBy(broken::load).hasMessageContaining("lacks date of the breach (variable breachDate)");
    }

    @Test
    void refusesAGdprVariantWithoutLikelyConsequences() {
        var broken = folder().replace(GERMAN, "{{likelyConsequences}}", "");

        // de has no jurisdiction in its name, so it is not refused: it just cannot serve people in GDPR countries.
        var catalog = broken.load();
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "de", "DE").file()).isEqualTo("breach-notice/email/en-EU.mustache");

        var declared = broken.write("breach-notice/email/de-DE.mustache", broken.read(GERMAN));
        assertThatThrownBy(declared::load)
                .hasMessageContaining("breach-notice/email/de-DE.mustache: the html part lacks likely consequences of the breach")
                .hasMessageContaining("GDPR Art. 34(2), 33(3)(c)");
    }

    @Test
    void refusesAnEuVariantWithoutTheDataProtectionOfficer() {
        var broken = folder().replace("breach-notice/email/en-EU.mustache", "{{dpoContact}}", "our team");

        assertThatThrownBy(broken::load).hasMessageContaining("en-EU.mustache: the html part lacks name and contact details of the data protection officer");
    }

    @Test
    void refusesAMassachusettsVariantThatDescribesTheNatureOfTheBreach() {
        var broken = folder().replace("breach-notice/email/en-US-MA.mustache", "<p>Date of this notice: {{noticeDate}}</p>",
                "<p>Date of this notice: {{noticeDate}}</p><p>{{incidentDescription}}</p>");

        assertThatThrownBy(broken::load).hasMessageContaining(
                "en-US-MA.mustache: the html part states what the law forbids: the nature of the breach (variable incidentDescription)");
    }

    @Test
    void refusesAMassachusettsVariantThatDoesNotSayTheFreezeIsFree() {
        var broken = folder().replace("breach-notice/email/en-US-MA.mustache", "is free: there is no charge.", "is possible.");

        assertThatThrownBy(broken::load).hasMessageContaining("lacks no charge for a security freeze");
    }

    @Test
    void servesMassachusettsResidentsTheirOwnNoticeBecauseTheDefaultTellsWhatHappened() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-MA").file())
                .isEqualTo("breach-notice/email/en-US-MA.mustache");
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "de", "US-MA").file())
                .isEqualTo("breach-notice/email/en-US-MA.mustache");
    }

    @Test
    void refusesAHipaaTemplateWithoutTheDiscoveryDate() {
        var broken = folder().replace(HIPAA, "{{discoveryDate}}", "later");

        assertThatThrownBy(broken::load).hasMessageContaining(HIPAA + ": the html part lacks date of discovery")
                .hasMessageContaining("45 CFR § 164.404(c)(1)(A)");
    }

    @Test
    void refusesAnSmsFolderForHipaaNotices() {
        var broken = folder().write("breach-notice-hipaa/sms/en.mustache", "Notice: {{noticeUrl}}");

        assertThatThrownBy(broken::load).hasMessageContaining("breach-notice-hipaa/sms: is not a channel breach-notice-hipaa may be sent on");
    }

    @Test
    void refusesAnUnknownVariableAtLoadNamingFileAndVariable() {
        var broken = folder().replace(SMS, "{{personReference}}", "{{customerNumber}}");

        assertThatThrownBy(broken::load)
                .isInstanceOf(TemplateRejectedException.class)
                .hasMessageContaining(SMS + ": the sms part uses unknown variable 'customerNumber'")
                .satisfies(e -> assertThat(((TemplateRejectedException) e).problems()).singleElement()
                        .extracting(TemplateProblem::file).isEqualTo(SMS));
    }

    @Test
    void refusesAnUnknownVariableUsedAsASection() {
        var broken = folder().replace(ENGLISH, "{{#dataTypes}}", "{{#dataType}}").replace(ENGLISH, "{{/dataTypes}}", "{{/dataType}}");

        assertThatThrownBy(broken::load).hasMessageContaining("unknown variable 'dataType'");
    }

    @Test
    void refusesAnUnescapedValueInTheHtmlPart() {
        var broken = folder().replace(ENGLISH, "Dear {{personName}},{{/personName}}{{^personName}}Dear customer,{{/personName}}</p>",
                "Dear {{{personName}}},{{/personName}}{{^personName}}Dear customer,{{/personName}}</p>");

        assertThatThrownBy(broken::load).hasMessageContaining("writes a value unescaped in the html part ({{{personName}}})");
    }

    @Test
    void refusesPartialsAndDelimiterChanges() {
        var broken = folder().replace(SMS, "{{noticeUrl}}", "{{> footer}}")
                .replace("breach-notice/sms/de.mustache", "{{noticeUrl}}", "{{=<% %>=}}");

        assertThatThrownBy(broken::load).hasMessageContaining("uses a partial").hasMessageContaining("changes the delimiters");
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        var broken = folder().replace(ENGLISH, "{{organizationName}}\n--- html ---", "{{orgName}}\n--- html ---")
                .replace(ENGLISH, "<p>{{measuresTaken}}</p>", "<p>{{{measuresTaken}}}</p>")
                .replace(ENGLISH, "{{recommendedSteps}}\n{{#governmentIdExposed}}\nYou", "{{steps}}\n{{#governmentIdExposed}}\nYou");

        assertThatThrownBy(broken::load).satisfies(e -> assertThat(((TemplateRejectedException) e).problems())
                .extracting(TemplateProblem::message).containsExactlyInAnyOrder(
                        "the subject part uses unknown variable 'orgName' (breach-notice templates may use: "
                                + String.join(", ", new TreeSet<>(NoticeKind.BREACH_NOTICE.variables())) + ")",
                        "the html part writes a value unescaped in the html part ({{{measuresTaken}}}); every value in HTML must be escaped",
                        "the text part uses unknown variable 'steps' (breach-notice templates may use: "
                                + String.join(", ", new TreeSet<>(NoticeKind.BREACH_NOTICE.variables())) + ")"));
    }

    @Test
    void refusesAnEmailTemplateWithoutATextSection() {
        var broken = folder();
        String content = broken.read(ENGLISH);
        broken.write(ENGLISH, content.substring(0, content.indexOf("--- text ---")));

        assertThatThrownBy(broken::load).hasMessageContaining(ENGLISH + ": lacks the section(s) --- text ---");
    }

    @Test
    void refusesAnEmailTemplateWithAnUnknownSection() {
        var broken = folder().replace(ENGLISH, "--- text ---", "--- plain ---");

        assertThatThrownBy(broken::load).hasMessageContaining("unknown section 'plain'");
    }

    @Test
    void refusesAMustacheSyntaxError() {
        var broken = folder().replace(SMS, "{{/contactPhone}}", "");

        assertThatThrownBy(broken::load).hasMessageContaining(SMS + ": the sms part does not compile");
    }

    @Test
    void refusesUnknownFoldersAndBadFileNames() {
        var broken = folder().write("breach-notices/email/en.mustache", "x")
                .write("breach-notice/fax/en.mustache", "x")
                .write("breach-notice/sms/english.mustache", "x")
                .write("breach-notice/sms/en.txt", "x");

        assertThatThrownBy(broken::load)
                .hasMessageContaining("breach-notices: is not a notice kind")
                .hasMessageContaining("breach-notice/fax: is not a channel")
                .hasMessageContaining("breach-notice/sms/english.mustache: name must be")
                .hasMessageContaining("breach-notice/sms/en.txt: is not a .mustache file");
    }

    @Test
    void refusesAChannelWithoutADefaultTemplate() {
        var broken = folder().delete("responder-reminder/sms/en.mustache").write("responder-reminder/sms/de.mustache", "{{link}}");

        assertThatThrownBy(broken::load).hasMessageContaining("responder-reminder/sms: has no default template en.mustache");
    }

    @Test
    void listsCandidatesFromJurisdictionToLocaleToDefault() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        assertThat(catalog.candidates("en-US", "US-CA")).containsExactly("en-US-CA", "en-US", "en");
        assertThat(catalog.candidates("de-AT", "DE")).containsExactly("de-DE", "de-EU", "de-AT", "de", "en-DE", "en-EU", "en");
        assertThat(catalog.candidates(null, null)).containsExactly("en");
    }

    @Test
    void resolvesTheJurisdictionVariantThenTheLocaleThenTheDefault() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-CA").file()).isEqualTo(CALIFORNIA);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-TX").file()).isEqualTo(ENGLISH);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "de-DE", "DE").file()).isEqualTo(GERMAN);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en", "FR").file()).isEqualTo("breach-notice/email/en-EU.mustache");
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "fr-FR", "FR").file()).isEqualTo("breach-notice/email/en-EU.mustache");
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, null, null).file()).isEqualTo(ENGLISH);
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.SMS, "de-CH", "CH").file()).isEqualTo("breach-notice/sms/de.mustache");
    }

    @Test
    void skipsATemplateThatLacksWhatThePersonsJurisdictionRequires() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        // The German template has no California headings, so a German speaker in California gets the English California notice.
        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "de", "US-CA").file()).isEqualTo(CALIFORNIA);
    }

    @Test
    void refusesToResolveWhenNoTemplateCarriesTheJurisdictionsElements() {
        var catalog = folder().delete(CALIFORNIA).replace(ENGLISH, "What You Can Do.", "Next steps").load();

        assertThatThrownBy(() -> catalog.resolve(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-CA"))
                .isInstanceOf(NoTemplateException.class)
                .hasMessageContaining("CALIFORNIA")
                .hasMessageContaining("tried en-US-CA, en-US, en");
    }

    @Test
    void servesTheHipaaNoticeToCaliforniansWithoutCaliforniasHeadings() {
        var catalog = TemplateCatalog.load(TemplateFolder.SHIPPED);

        assertThat(catalog.resolve(NoticeKind.BREACH_NOTICE_HIPAA, Channel.EMAIL, "en-US", "US-CA").file()).isEqualTo(HIPAA);
    }
}
