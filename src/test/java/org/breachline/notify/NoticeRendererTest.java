package org.breachline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticeRendererTest {
    private static final TemplateCatalog CATALOG = TemplateCatalog.load(TemplateFolder.SHIPPED);

    private final NoticeRenderer renderer = new NoticeRenderer(CATALOG, 2);

    private static Map<String, Object> incident() {
        Map<String, Object> facts = new HashMap<>();
        facts.put("organizationName", "Acme Health & Co");
        facts.put("organizationAddress", "1 Main St, Springfield");
        facts.put("contactPhone", "1-800-555-0100");
        facts.put("contactEmail", "privacy@acme.example");
        facts.put("dpoContact", "Dana Privacy, dpo@acme.example");
        facts.put("incidentDescription", "An attacker copied a customer database.");
        facts.put("breachDate", "2026-11-01");
        facts.put("discoveryDate", "2026-11-03");
        facts.put("noticeDate", "2026-11-20");
        facts.put("dataTypes", List.of("Name", "Email address", "Social Security number"));
        facts.put("likelyConsequences", "Phishing e-mails that look like ours.");
        facts.put("measuresTaken", "We closed the gap and reset credentials.");
        facts.put("recommendedSteps", "Watch your accounts and change your password.");
        facts.put("lawEnforcementDelayed", false);
        facts.put("governmentIdExposed", true);
        facts.put("noticeUrl", "https://acme.example/n/AB12");
        facts.put("personReference", "P-1001");
        return facts;
    }

    private static Map<String, Object> incidentWith(String name, Object value) {
        Map<String, Object> facts = incident();
        facts.put(name, value);
        return facts;
    }

    @Test
    void rendersTheCaliforniaNoticeWithItsTitleAndHeadings() {
        var email = (RenderedNotice.Email) renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-CA", incident());

        assertThat(email.template()).isEqualTo("breach-notice/email/en-US-CA.mustache");
        assertThat(email.subject()).isEqualTo("Notice of Data Breach from Acme Health & Co");
        assertThat(email.html()).contains("<h1 style=\"font-size: 26px; border-bottom: 3px solid #b00020;\">Notice of Data Breach</h1>")
                .contains("What Information Was Involved?").contains("<li>Social Security number</li>")
                .contains("Equifax").contains("was not delayed by a law enforcement investigation");
        assertThat(email.text()).startsWith("NOTICE OF DATA BREACH\n")
                .contains("What You Can Do.\nWatch your accounts and change your password.");
        assertThat(email.html()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void escapesHtmlInValuesOfTheHtmlPartOnly() {
        var email = (RenderedNotice.Email) renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-TX",
                incidentWith("personName", "<script>alert('x')</script>"));

        assertThat(email.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(")
                .contains("Acme Health &amp; Co");
        assertThat(email.text()).contains("Dear <script>alert('x')</script>,").contains("Acme Health & Co");
        assertThat(email.subject()).contains("Acme Health & Co");
    }

    @Test
    void keepsTheSubjectOnOneLineWhateverTheValues() {
        var email = (RenderedNotice.Email) renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en", null,
                incidentWith("organizationName", "Acme\r\nBcc: victim@example.com"));

        assertThat(email.subject()).doesNotContain("\n").doesNotContain("\r").contains("Acme Bcc: victim@example.com");
    }

    @Test
    void rendersTheGermanNoticeForAPersonInGermany() {
        var email = (RenderedNotice.Email) renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "de-DE", "DE",
                incidentWith("personName", "Jürgen Größe"));

        assertThat(email.template()).isEqualTo("breach-notice/email/de.mustache");
        assertThat(email.html()).contains("Guten Tag Jürgen Größe,").contains("Dana Privacy, dpo@acme.example");
    }

    @Test
    void rendersAnSmsThatPointsToTheFullNoticeWithItsSegments() {
        var sms = (RenderedNotice.Sms) renderer.render(NoticeKind.BREACH_NOTICE, Channel.SMS, "en-US", "US-CA", incident());

        assertThat(sms.text()).startsWith("Acme Health & Co: important notice").contains("https://acme.example/n/AB12")
                .doesNotContain("{{");
        assertThat(sms.segments().encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(sms.segments().segments()).isBetween(1, 2);
    }

    @Test
    void keepsTheGermanSmsInGsm7() {
        var sms = (RenderedNotice.Sms) renderer.render(NoticeKind.BREACH_NOTICE, Channel.SMS, "de", "DE", incident());

        assertThat(sms.segments().encoding()).isEqualTo(SmsEncoding.GSM_7);
    }

    @Test
    void refusesAnSmsLongerThanTheConfiguredSegmentsNamingTemplateAndCount() {
        var oneSegment = new NoticeRenderer(CATALOG, 1);

        assertThatThrownBy(() -> oneSegment.render(NoticeKind.BREACH_NOTICE, Channel.SMS, "en", "US-TX", incident()))
                .isInstanceOf(SmsTooLongException.class)
                .hasMessageContaining("breach-notice/sms/en.mustache")
                .hasMessageContaining("takes 2 segments")
                .hasMessageContaining("at most 1");
    }

    @Test
    void countsAnEmojiInAValueAsUcs2() {
        var roomy = new NoticeRenderer(CATALOG, 5);

        var sms = (RenderedNotice.Sms) roomy.render(NoticeKind.BREACH_NOTICE, Channel.SMS, "en", null,
                incidentWith("organizationName", "Acme 🙂"));

        assertThat(sms.segments().encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(sms.segments().units()).isEqualTo(sms.text().length());
        assertThat(sms.segments().segments()).isEqualTo((sms.text().length() + 66) / 67);
    }

    @Test
    void refusesVariablesTheNoticeKindDoesNotHave() {
        assertThatThrownBy(() -> renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en", null, incidentWith("ssn", "078-05-1120")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ssn")
                .hasMessageNotContaining("078");
    }

    @Test
    void refusesValuesOfOtherTypes() {
        assertThatThrownBy(() -> renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en", null, incidentWith("breachDate", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("breachDate");
    }

    @Test
    void reportsVariablesTheTemplateShowsButWereNotGiven() {
        Map<String, Object> facts = incident();
        facts.remove("breachDate");

        var email = renderer.render(NoticeKind.BREACH_NOTICE, Channel.EMAIL, "en-US", "US-CA", facts);

        assertThat(email.unsetVariables()).contains("breachDate", "personName").doesNotContain("organizationName");
    }

    @Test
    void rendersAnOverdueReminderForAResponder() {
        Map<String, Object> reminder = Map.of("incidentKey", "INC-2026-0042",
                "incidentTitle", "Database exposed", "ruleId", "gdpr-art33", "ruleCitation", "GDPR Art. 33(1)",
                "obligationRecipient", "Supervisory authority", "jurisdiction", "DE", "dueAt", "2026-11-23 14:00 UTC",
                "timeRemaining", "2 hours", "overdue", true, "link", "https://breachline.example/incidents/INC-2026-0042");

        var email = (RenderedNotice.Email) renderer.render(NoticeKind.RESPONDER_REMINDER, Channel.EMAIL, "en", null, reminder);
        var sms = (RenderedNotice.Sms) renderer.render(NoticeKind.RESPONDER_REMINDER, Channel.SMS, "en", null, reminder);

        assertThat(email.subject()).isEqualTo("OVERDUE: gdpr-art33 for INC-2026-0042");
        assertThat(email.html()).contains("A regulator deadline is overdue").contains("href=\"https://breachline.example/incidents/INC-2026-0042\"");
        assertThat(sms.text()).contains("OVERDUE, was due 2026-11-23 14:00 UTC (2 hours ago)");
    }

    @Test
    void rendersAReminderThatIsNotYetDue() {
        Map<String, Object> reminder = Map.of("incidentKey", "INC-2026-0042", "ruleId", "us-ca-ag", "dueAt", "2026-11-24 09:00 UTC",
                "timeRemaining", "18 hours", "overdue", false, "link", "https://breachline.example/i/42");

        var email = (RenderedNotice.Email) renderer.render(NoticeKind.RESPONDER_REMINDER, Channel.EMAIL, "en", null, reminder);

        assertThat(email.subject()).isEqualTo("Due in 18 hours: us-ca-ag for INC-2026-0042");
    }

    @Test
    void previewsTheNoticeForTheStandardSamplePeople() {
        Map<String, Object> facts = incident();
        facts.remove("personReference");

        var previews = renderer.preview(NoticeKind.BREACH_NOTICE, Channel.EMAIL, facts, SamplePerson.standardSet());

        assertThat(previews).hasSize(5).allSatisfy(p -> assertThat(p).isInstanceOf(NoticePreview.Rendered.class));
        assertThat(previews).extracting(p -> ((NoticePreview.Rendered) p).notice().template()).containsExactly(
                "breach-notice/email/en-US-CA.mustache", "breach-notice/email/de.mustache",
                "breach-notice/email/en-EU.mustache", "breach-notice/email/en.mustache", "breach-notice/email/en.mustache");
        var hostile = (RenderedNotice.Email) ((NoticePreview.Rendered) previews.get(4)).notice();
        assertThat(hostile.html()).doesNotContain("<script>");
    }

    @Test
    void previewReportsPeopleItCannotRenderFor() {
        var oneSegment = new NoticeRenderer(CATALOG, 1);

        var previews = oneSegment.preview(NoticeKind.BREACH_NOTICE, Channel.SMS, incident(), SamplePerson.standardSet());

        assertThat(previews).first().isInstanceOf(NoticePreview.Failed.class)
                .extracting(p -> ((NoticePreview.Failed) p).reason()).asString().contains("segments");
    }
}
