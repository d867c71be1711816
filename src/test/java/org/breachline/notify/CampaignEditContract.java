package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Editing a draft campaign with a JSON merge patch: validated as on create, audited, refused once approved. */
abstract class CampaignEditContract extends CampaignContractSupport {

    Api.Reply patch(Api who, JsonNode campaign, Object body) {
        return who.send("PATCH", "/api/campaigns/" + campaign.path("id").asText(), body,
                "Content-Type", "application/merge-patch+json");
    }

    JsonNode estimate(JsonNode view, String channel) {
        for (JsonNode e : view.path("capacity").path("channels")) {
            if (e.path("channel").asText().equals(channel)) {
                return e;
            }
        }
        throw new AssertionError("no estimate for " + channel + " in " + view);
    }

    @Test
    void editsADraftByMergePatchOnTheTimelineAndInTheAuditLog() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "EMAIL"));
        Map<String, Object> variables = new HashMap<>();
        variables.put("noticeUrl", "https://example.com/notice-v2");
        variables.put("breachDate", null);
        Map<String, Object> body = new HashMap<>();
        body.put("channels", List.of("EMAIL", "SMS", "WEBHOOK"));
        body.put("channelChoice", "BOTH");
        body.put("jurisdictions", List.of("US-CA"));
        body.put("variables", variables);

        Api.Reply edited = patch(responder(), c, body);

        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        JsonNode view = edited.body();
        assertThat(view.path("status").asText()).isEqualTo("DRAFT");
        assertThat(view.path("channels")).extracting(JsonNode::asText).containsExactly("EMAIL", "SMS", "WEBHOOK");
        assertThat(view.path("channelChoice").asText()).isEqualTo("BOTH");
        assertThat(view.path("jurisdictions")).extracting(JsonNode::asText).containsExactly("US-CA");
        assertThat(view.path("variables").path("noticeUrl").asText()).isEqualTo("https://example.com/notice-v2");
        assertThat(view.path("variables").has("breachDate")).as("null removes a variable").isFalse();
        assertThat(view.path("variables").path("organizationName").asText()).as("the rest is kept")
                .isEqualTo("Example Corp");
        assertThat(view.path("editedBy")).as("the author's own edits").isEmpty();
        assertThat(estimate(view, "EMAIL").path("recipients").asLong()).as("only P-1 lives in US-CA").isEqualTo(1);
        assertThat(estimate(view, "SMS").path("recipients").asLong()).isEqualTo(2);
        assertThat(estimate(view, "WEBHOOK").path("recipients").asLong()).isEqualTo(2);
        assertThat(responder().get("/api/campaigns/" + c.path("id").asText()).body().path("channelChoice").asText())
                .isEqualTo("BOTH");

        assertThat(timelineKinds(key)).contains("CAMPAIGN_EDITED");
        JsonNode audit = app().as(Role.AUDITOR).get("/api/audit?action=campaign.edit").body().path("items");
        JsonNode entry = null;
        for (JsonNode e : audit) {
            if (e.toString().contains(c.path("id").asText())) {
                entry = e;
            }
        }
        assertThat(entry).as(audit.toString()).isNotNull();
        assertThat(entry.toString()).contains("channelChoice").contains("EMAIL_ELSE_SMS").contains("notice-v2");

        long edits = timelineKinds(key).stream().filter("CAMPAIGN_EDITED"::equals).count();
        assertThat(patch(responder(), c, Map.of()).status()).isEqualTo(200);
        assertThat(patch(responder(), c, Map.of("channelChoice", "BOTH")).status()).isEqualTo(200);
        assertThat(timelineKinds(key).stream().filter("CAMPAIGN_EDITED"::equals).count())
                .as("a patch that changes nothing records nothing").isEqualTo(edits);
        Map<String, Object> reset = new HashMap<>();
        reset.put("jurisdictions", null);
        reset.put("channelChoice", null);
        JsonNode everyone = patch(responder(), c, reset).body();
        assertThat(everyone.path("jurisdictions")).as("null: everyone again").isEmpty();
        assertThat(everyone.path("channelChoice").asText()).as("null: the default").isEqualTo("EMAIL_ELSE_SMS");
    }

    @Test
    void refusesBadEditsInTheShapeOfCreateChangingNothing() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "EMAIL"));
        String before = responder().get("/api/campaigns/" + c.path("id").asText()).body().toString();

        assertThat(patch(responder(), c, Map.of("channels", List.of())).status()).isEqualTo(422);
        Map<String, Object> noKind = new HashMap<>();
        noKind.put("noticeKind", null);
        Api.Reply missingKind = patch(responder(), c, noKind);
        assertThat(missingKind.status()).isEqualTo(422);
        assertThat(missingKind.body().path("details").get(0).path("field").asText()).isEqualTo("noticeKind");
        Api.Reply unknownVariable = patch(responder(), c, Map.of("variables", Map.of("shoeSize", "44")));
        assertThat(unknownVariable.status()).isEqualTo(422);
        assertThat(unknownVariable.body().path("details").get(0).path("field").asText()).isEqualTo("variables.shoeSize");
        assertThat(patch(responder(), c, Map.of("variables", Map.of("personName", "Everyone"))).status()).isEqualTo(422);
        Api.Reply flagAsText = patch(responder(), c, Map.of("variables", Map.of("lawEnforcementDelayed", "no")));
        assertThat(flagAsText.status()).isEqualTo(422);
        assertThat(flagAsText.body().path("details").get(0).path("problem").asText()).isEqualTo("must be true or false");
        assertThat(patch(responder(), c, Map.of("jurisdictions", List.of("Atlantis"))).status()).isEqualTo(422);
        assertThat(patch(responder(), c, Map.of("noticeKind", "BREACH_NOTICE_HIPAA", "channels", List.of("SMS")))
                .status()).isEqualTo(422);
        assertThat(patch(responder(), c, Map.of("noticeKind", "RESPONDER_REMINDER")).status()).isEqualTo(422);
        assertThat(patch(responder(), c, Map.of("chanels", List.of("SMS"))).code()).isEqualTo("request.unknown_field");
        assertThat(patch(responder(), c, Map.of("channels", List.of("sms"))).status()).isEqualTo(400);
        assertThat(patch(responder(), c, Map.of("deadline", "tomorrow")).status()).isEqualTo(400);
        Api.Reply status = patch(responder(), c, Map.of("status", "APPROVED"));
        assertThat(status.status()).isEqualTo(400);
        assertThat(status.code()).isEqualTo("request.field_not_patchable");
        assertThat(patch(responder(), c, "[1]").code()).isEqualTo("request.malformed_json");
        assertThat(patch(responder(), c, "{").status()).isEqualTo(400);
        assertThat(responder().send("PATCH", "/api/campaigns/" + c.path("id").asText(), "channels=SMS",
                "Content-Type", "text/plain").status()).isEqualTo(415);
        assertThat(responder().send("PATCH", "/api/campaigns/not-a-uuid", Map.of(), "Content-Type",
                "application/json").code()).isEqualTo("campaign.not_found");
        assertThat(patch(app().as(Role.AUDITOR), c, Map.of("channelChoice", "BOTH")).status()).isEqualTo(403);

        assertThat(responder().get("/api/campaigns/" + c.path("id").asText()).body().toString()).isEqualTo(before);
    }

    @Test
    void anApprovedCampaignCannotBeEditedItIsCancelledAndDraftedAnew() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "EMAIL"));
        assertThat(act(approver(), c, "approve").status()).isEqualTo(200);

        Api.Reply refused = patch(responder(), c, Map.of("channelChoice", "BOTH"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("campaign.not_editable");
        assertThat(refused.body().path("message").asText()).contains("APPROVED").contains("approved by approver-tester")
                .contains("Cancel it and draft a new campaign");
        assertThat(refused.body().path("details").get(0).path("field").asText()).isEqualTo("status");
        assertThat(act(responder(), c, "launch").status()).isEqualTo(200);
        assertThat(patch(responder(), c, Map.of("channelChoice", "BOTH")).code()).isEqualTo("campaign.not_editable");
        assertThat(responder().get("/api/campaigns/" + c.path("id").asText()).body().path("channelChoice").asText())
                .isEqualTo("EMAIL_ELSE_SMS");
    }

    @Test
    void whoeverEditedADraftMayNotApproveItLikeItsAuthor() {
        String key = incidentWithPeople();
        JsonNode c = create(key, draft("EMAIL_ELSE_SMS", "EMAIL"));
        Api admin = app().as(Role.ADMIN); // may edit and approve

        Api.Reply edited = patch(admin, c, Map.of("variables", Map.of("noticeUrl", "https://example.com/other")));
        assertThat(edited.status()).as(edited.text()).isEqualTo(200);
        assertThat(edited.body().path("editedBy")).extracting(JsonNode::asText).containsExactly("admin-tester");

        Api.Reply self = act(admin, c, "approve");
        assertThat(self.status()).isEqualTo(409);
        assertThat(self.code()).isEqualTo("campaign.self_approval");
        assertThat(self.body().path("message").asText()).contains("neither drafted nor edited").contains("admin-tester");
        assertThat(act(approver(), c, "approve").status()).isEqualTo(200);
    }
}
