package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Campaigns over HTTP: draft, approval by another person, launch, pause, resume, cancel, preview, capacity. */
abstract class CampaignContract extends CampaignContractSupport {
    @Test
    void draftsACampaignWithItsCapacityEstimate() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "EMAIL", "SMS"));

        assertThat(c.path("status").asText()).isEqualTo("DRAFT");
        assertThat(c.path("createdBy").asText()).isEqualTo("responder-tester");
        assertThat(c.path("capacity").path("fits").asBoolean()).isTrue();
        assertThat(c.path("capacity").path("channels").get(0).path("recipients").asLong()).isEqualTo(3);
        assertThat(c.path("capacity").path("channels").get(1).path("recipients").asLong()).isEqualTo(1);
        assertThat(c.path("capacity").path("channels").get(1).path("segments").asLong()).isPositive();
        assertThat(responder().get("/api/incidents/" + key + "/campaigns").body()).hasSize(1);
        assertThat(timelineKinds(key)).contains("CAMPAIGN_CREATED");
    }

    @Test
    void theAuthorCannotApproveTheirOwnCampaign() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("BOTH", "EMAIL"));
        // The same person holding an APPROVER token as well.
        Api sameAuthor = app().withToken(app().issueToken("responder-tester", Role.APPROVER));

        Api.Reply self = act(sameAuthor, c, "approve");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("campaign.self_approval");
        assertThat(act(responder(), c, "approve").status()).isEqualTo(403);

        Api.Reply approved = act(approver(), c, "approve");
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.str("status")).isEqualTo("APPROVED");
        assertThat(approved.str("approvedBy")).isEqualTo("approver-tester");
        assertThat(timelineKinds(key)).contains("CAMPAIGN_APPROVED");
        assertThat(app().as(Role.AUDITOR).get("/api/audit?action=campaign.approve").body().path("items").size())
                .isPositive();
    }

    @Test
    void aNoticeThatWouldNotSayWhoSendsItOrHowToReachThemCannotBeApproved() {
        String key = incidentWithPeople();
        Map<String, Object> body = draft("BOTH", "EMAIL");
        Map<String, Object> variables = new HashMap<>(VARIABLES);
        variables.remove("organizationName");
        variables.remove("contactEmail");
        variables.put("contactPhone", " ");
        body.put("variables", variables);
        JsonNode c = create(key, body);

        Api.Reply refused = act(approver(), c, "approve");
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("campaign.variables_missing");
        assertThat(refused.body().path("details").findValuesAsText("field"))
                .containsExactly("variables.organizationName", "variables.contactEmail");
        assertThat(responder().get("/api/campaigns/" + c.path("id").asText()).body().path("status").asText())
                .isEqualTo("DRAFT");

        Api.Reply patched = responder().send("PATCH", "/api/campaigns/" + c.path("id").asText(),
                "{\"variables\":{\"organizationName\":\"Example Corp\",\"contactWebsite\":\"https://example.com/i\"}}",
                "Content-Type", "application/merge-patch+json");
        assertThat(patched.status()).as(patched.text()).isEqualTo(200);
        assertThat(act(approver(), c, "approve").status()).isEqualTo(200);
    }

    @Test
    void launchWritesOneDeliveryPerPersonAndChosenChannel() {
        String key = incidentWithPeople();
        JsonNode elseSms = create(key, draft("EMAIL_ELSE_SMS", "EMAIL", "SMS"));
        JsonNode both = create(key, draft("BOTH", "EMAIL", "SMS"));
        assertThat(act(responder(), elseSms, "launch").code()).as("not approved yet").isEqualTo("campaign.illegal_transition");
        act(approver(), elseSms, "approve");
        act(approver(), both, "approve");

        Api.Reply launched = act(responder(), elseSms, "launch");
        assertThat(launched.status()).as(launched.text()).isEqualTo(200);
        assertThat(launched.str("status")).isEqualTo("SENDING");
        assertThat(progress(launched.body(), "EMAIL").path("queued").asLong()).isEqualTo(3);
        assertThat(progress(launched.body(), "SMS").path("queued").asLong()).isEqualTo(1);
        assertThat(progress(launched.body(), "SMS").path("eta").isTextual()).isTrue();

        JsonNode bothView = act(responder(), both, "launch").body();
        assertThat(progress(bothView, "EMAIL").path("queued").asLong()).isEqualTo(3);
        assertThat(progress(bothView, "SMS").path("queued").asLong()).isEqualTo(3);
        assertThat(act(responder(), both, "launch").code()).as("launching twice").isEqualTo("campaign.illegal_transition");
        long rows = app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM delivery WHERE campaign_id = :c")
                .bind("c", java.util.UUID.fromString(both.path("id").asText())).mapTo(Long.class).one());
        assertThat(rows).isEqualTo(6L);
    }

    @Test
    void pausesResumesAndCancelsWithEveryChangeOnTheTimeline() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "EMAIL"));
        act(approver(), c, "approve");
        act(responder(), c, "launch");

        assertThat(act(responder(), c, "resume").code()).isEqualTo("campaign.illegal_transition");
        assertThat(act(responder(), c, "pause").str("status")).isEqualTo("PAUSED");
        assertThat(act(responder(), c, "pause").status()).isEqualTo(409);
        assertThat(act(responder(), c, "resume").str("status")).isEqualTo("SENDING");
        Api.Reply cancelled = act(responder(), c, "cancel");
        assertThat(cancelled.str("status")).isEqualTo("CANCELLED");
        assertThat(progress(cancelled.body(), "EMAIL").path("cancelled").asLong()).isEqualTo(3);
        assertThat(act(responder(), c, "resume").status()).isEqualTo(409);

        long changes = responder().get("/api/incidents/" + key + "/timeline?limit=200").body().path("items")
                .findValuesAsText("kind").stream().filter("CAMPAIGN_STATUS_CHANGED"::equals).count();
        assertThat(changes).isEqualTo(4); // launch, pause, resume, cancel
        assertThat(app().as(Role.AUDITOR).get("/api/audit?action=campaign.pause").body().path("items").size())
                .isPositive();
    }

    @Test
    void previewsTheNoticesForSamplePeopleEscapingTheirNames() {
        String key = incidentWithPeople();
        Api.Reply r = responder().post("/api/incidents/" + key + "/campaigns/preview", draft("BOTH", "EMAIL", "SMS"));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().path("EMAIL")).hasSize(5);
        assertThat(r.body().path("SMS")).hasSize(5);
        assertThat(r.text()).contains("&lt;script&gt;").contains("Example Corp");
        assertThat(responder().get("/api/incidents/" + key + "/campaigns").body()).isEmpty();
    }

    @Test
    void refusesToLaunchPastTheDeadlineUnlessAnApproverOverrides() {
        String key = incidentWithPeople();
        Map<String, Object> body = draft("BOTH", "SMS");
        body.put("deadline", app().clock.instant().plusMillis(1).toString());
        JsonNode c = create(key, body);
        assertThat(c.path("capacity").path("fits").asBoolean()).isFalse();
        assertThat(c.path("capacity").path("channels").get(0).path("advice").asText()).contains("short code");
        act(approver(), c, "approve");

        Api.Reply refused = act(responder(), c, "launch");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("campaign.capacity_exceeded");
        assertThat(refused.body().path("details").get(0).path("field").asText()).isEqualTo("capacity.SMS");
        Api.Reply notAllowed = responder().post("/api/campaigns/" + c.path("id").asText() + "/launch?overrideCapacity=true", null);
        assertThat(notAllowed.status()).isEqualTo(403);
        Api.Reply overridden = approver().post("/api/campaigns/" + c.path("id").asText() + "/launch?overrideCapacity=true", null);
        assertThat(overridden.status()).as(overridden.text()).isEqualTo(200);
        assertThat(overridden.str("status")).isEqualTo("SENDING");
    }

    @Test
    void refusesBadCampaignsInOneShapeWritingNothing() {
        String key = incidentWithPeople();
        String path = "/api/incidents/" + key + "/campaigns";
        Map<String, Object> hipaaSms = draft("BOTH", "SMS");
        hipaaSms.put("noticeKind", "BREACH_NOTICE_HIPAA");
        assertThat(responder().post(path, hipaaSms).status()).isEqualTo(422);
        Map<String, Object> unknownVariable = draft("BOTH", "EMAIL");
        unknownVariable.put("variables", Map.of("shoeSize", "44"));
        assertThat(responder().post(path, unknownVariable).body().path("details").get(0).path("field").asText())
                .isEqualTo("variables.shoeSize");
        Map<String, Object> wrongTypes = draft("BOTH", "EMAIL");
        wrongTypes.put("variables", Map.of("organizationName", 5, "dataTypes", "name, e-mail address",
                "governmentIdExposed", "false"));
        Api.Reply typed = responder().post(path, wrongTypes);
        assertThat(typed.status()).as(typed.text()).isEqualTo(422);
        assertThat(typed.body().path("details").findValuesAsText("field"))
                .containsExactlyInAnyOrder("variables.organizationName", "variables.dataTypes", "variables.governmentIdExposed");
        assertThat(typed.text()).contains("must be text", "must be a list of text", "must be true or false");
        Map<String, Object> personal = draft("BOTH", "EMAIL");
        personal.put("variables", Map.of("personName", "Everyone"));
        assertThat(responder().post(path, personal).status()).isEqualTo(422);
        Map<String, Object> badPlace = draft("BOTH", "EMAIL");
        badPlace.put("jurisdictions", List.of("DE", "UK"));
        Api.Reply unitedKingdom = responder().post(path, badPlace);
        assertThat(unitedKingdom.status()).isEqualTo(422);
        assertThat(unitedKingdom.body().path("details").get(0).path("field").asText()).isEqualTo("jurisdictions[1]");
        assertThat(unitedKingdom.body().path("details").get(0).path("problem").asText()).endsWith("(the United Kingdom is GB)");
        Map<String, Object> twice = draft("BOTH", "EMAIL");
        twice.put("jurisdictions", List.of("DE", "US-CA", "DE"));
        Api.Reply repeated = responder().post(path, twice);
        assertThat(repeated.status()).isEqualTo(422);
        assertThat(repeated.body().path("details").get(0).path("problem").asText()).isEqualTo("must not repeat a jurisdiction");
        Map<String, Object> noChannel = draft("BOTH");
        assertThat(responder().post(path, noChannel).status()).isEqualTo(422);
        Map<String, Object> typo = draft("BOTH", "EMAIL");
        typo.put("chanels", List.of("EMAIL"));
        assertThat(responder().post(path, typo).code()).isEqualTo("request.unknown_field");
        Map<String, Object> lowerCase = draft("BOTH", "email");
        assertThat(responder().post(path, lowerCase).status()).isEqualTo(400);
        assertThat(responder().post("/api/incidents/INC-2026-9999/campaigns", draft("BOTH", "EMAIL")).code())
                .isEqualTo("incident.not_found");
        assertThat(responder().send("POST", path, "{", "Content-Type", "application/json").status()).isEqualTo(400);
        assertThat(responder().get(path).body()).isEmpty();

        assertThat(responder().get("/api/campaigns/not-a-uuid").code()).isEqualTo("campaign.not_found");
        assertThat(responder().get("/api/campaigns/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(approver().post("/api/campaigns/" + java.util.UUID.randomUUID() + "/approve", null).status())
                .isEqualTo(404);
        JsonNode c = create(key, draft("BOTH", "EMAIL"));
        assertThat(responder().post("/api/campaigns/" + c.path("id").asText() + "/launch?overrideCapacity=maybe", null)
                .code()).isEqualTo("request.invalid_field");
    }
}
