package org.breachline.auth;

import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint against every role, plus missing, forged and revoked tokens. Written once, run per database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthMatrixContract {
    abstract TestApp app();

    private String incident;
    private String obligation;
    static final Set<Role> APPROVERS = EnumSet.of(Role.ADMIN, Role.APPROVER);
    private String campaign;

    /** An endpoint and the roles that may call it. */
    record Endpoint(String method, String path, String body, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.RESPONDER);
    static final Set<Role> AUDIT_READERS = EnumSet.of(Role.ADMIN, Role.AUDITOR);
    static final Set<Role> ADMINS = EnumSet.of(Role.ADMIN);

    static final String CAMPAIGN = "{\"noticeKind\":\"BREACH_NOTICE\",\"channels\":[\"EMAIL\"],"
            + "\"variables\":{\"organizationName\":\"Example\",\"contactEmail\":\"privacy@example.com\"}}";

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/incidents", null, EVERYONE),
            new Endpoint("POST", "/api/incidents", "{\"title\":\"matrix\"}", WRITERS),
            new Endpoint("GET", "/api/incidents/{id}", null, EVERYONE),
            new Endpoint("PATCH", "/api/incidents/{id}", "{\"severity\":\"HIGH\"}", WRITERS),
            new Endpoint("POST", "/api/incidents/{id}/transitions", "{\"to\":\"CONTAINMENT\"}", WRITERS),
            new Endpoint("GET", "/api/incidents/{id}/timeline", null, EVERYONE),
            new Endpoint("POST", "/api/incidents/{id}/notes", "{\"text\":\"n\"}", WRITERS),
            new Endpoint("GET", "/api/incidents/{id}/obligations", null, EVERYONE),
            new Endpoint("POST", "/api/incidents/{id}/obligations/{obligation}/fulfil", "{}", APPROVERS),
            new Endpoint("GET", "/api/deadlines?within=P30D", null, EVERYONE),
            new Endpoint("POST", "/api/rules/evaluate", "{\"awareAt\":\"2026-03-06T09:00:00Z\",\"affected\":{\"DE\":5}}",
                    EVERYONE),
            new Endpoint("GET", "/api/rules", null, EVERYONE),
            new Endpoint("POST", "/api/incidents/{id}/people", "reference\nP-1\n", WRITERS),
            new Endpoint("GET", "/api/incidents/{id}/people", null, EVERYONE),
            new Endpoint("GET", "/api/incidents/{id}/people?contact=true", null, EnumSet.of(Role.ADMIN, Role.APPROVER)),
            new Endpoint("GET", "/api/incidents/{id}/people/imports/00000000-0000-0000-0000-000000000000/rejections",
                    null, EVERYONE),
            new Endpoint("POST", "/api/incidents/{id}/campaigns", CAMPAIGN, WRITERS),
            new Endpoint("GET", "/api/incidents/{id}/campaigns", null, EVERYONE),
            new Endpoint("POST", "/api/incidents/{id}/campaigns/preview", CAMPAIGN, WRITERS),
            new Endpoint("GET", "/api/campaigns/{campaign}", null, EVERYONE),
            new Endpoint("PATCH", "/api/campaigns/{campaign}", "{\"channelChoice\":\"BOTH\"}", WRITERS),
            new Endpoint("POST", "/api/campaigns/{campaign}/approve", null, EnumSet.of(Role.ADMIN, Role.APPROVER)),
            new Endpoint("POST", "/api/campaigns/{campaign}/launch", null, EnumSet.of(Role.ADMIN, Role.RESPONDER, Role.APPROVER)),
            new Endpoint("POST", "/api/campaigns/{campaign}/pause", null, WRITERS),
            new Endpoint("POST", "/api/campaigns/{campaign}/resume", null, WRITERS),
            new Endpoint("POST", "/api/campaigns/{campaign}/cancel", null, EnumSet.of(Role.ADMIN, Role.RESPONDER, Role.APPROVER)),
            new Endpoint("GET", "/api/campaigns/{campaign}/failures", null, EVERYONE),
            new Endpoint("POST", "/api/campaigns/{campaign}/failures/retry", "{}", WRITERS),
            new Endpoint("GET", "/api/notify/channels", null, EVERYONE),
            new Endpoint("POST", "/api/notify/channels/SMS/resume", null, ADMINS),
            new Endpoint("GET", "/api/audit", null, AUDIT_READERS),
            new Endpoint("GET", "/api/audit/verify", null, AUDIT_READERS),
            new Endpoint("GET", "/api/alert-sources", null, AUDIT_READERS),
            new Endpoint("POST", "/api/alert-sources", "{\"name\":\"matrix\",\"format\":\"GENERIC\",\"auth\":\"BEARER\"}",
                    ADMINS),
            new Endpoint("POST", "/api/alert-sources/am/rotate", null, ADMINS),
            new Endpoint("POST", "/api/alert-sources/am/revoke", null, ADMINS),
            new Endpoint("DELETE", "/api/alert-sources/am", null, ADMINS),
            new Endpoint("GET", "/api/alert-sources/dead-letters", null, ADMINS),
            new Endpoint("POST", "/api/alert-sources/dead-letters/1/replay", null, ADMINS),
            new Endpoint("GET", "/api/openapi.json", null, EVERYONE),
            new Endpoint("GET", "/api/openapi.yaml", null, EVERYONE));

    @BeforeAll
    void openAnIncident() {
        incident = app().as(Role.ADMIN).post("/api/incidents", Map.of("title", "auth target",
                "awareAt", "2026-03-06T09:00:00Z", "affectedEstimate", Map.of("DE", 5))).str("id");
        obligation = app().as(Role.ADMIN).get("/api/incidents/" + incident + "/obligations").body().get(0)
                .path("id").asText();
        campaign = app().as(Role.ADMIN).send("POST", "/api/incidents/" + incident + "/campaigns", CAMPAIGN).str("id");
    }

    Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Role r : Role.values()) {
                cases.add(Arguments.of(e, r));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("matrix")
    void eachRoleGetsExactlyTheAccessItsRoleGives(Endpoint endpoint, Role role) {
        Api.Reply r = call(app().as(role), endpoint);
        if (endpoint.allowed().contains(role)) {
            assertThat(r.status()).as(r.text()).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(r.status()).as(r.text()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("auth.forbidden");
        }
    }

    Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void noTokenOrAForgedOneGets401(Endpoint endpoint) {
        Api.Reply missing = call(app().anonymous(), endpoint);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.code()).isEqualTo("auth.unauthenticated");
        assertThat(call(app().withToken("bl_forged0000000000000000000000000000000000"), endpoint).status()).isEqualTo(401);
        assertThat(call(app().withToken("not-even-our-format"), endpoint).status()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenStopsWorking() {
        String token = app().issueToken("short-lived", Role.RESPONDER);
        Api client = app().withToken(token);
        assertThat(client.get("/api/incidents").status()).isEqualTo(200);
        app().jdbi().useHandle(h -> h.createUpdate("UPDATE api_token SET revoked_at = :at WHERE name = 'short-lived'")
                .bind("at", Instant.now()).execute());
        assertThat(client.get("/api/incidents").status()).isEqualTo(401);
    }

    @Test
    void onlyTheTokensHashIsStored() {
        String token = app().issueToken("hash-check", Role.AUDITOR);
        String stored = app().jdbi().withHandle(h -> h.createQuery(
                "SELECT token_hash FROM api_token WHERE name = 'hash-check'").mapTo(String.class).one());
        assertThat(stored).hasSize(64).doesNotContain(token.substring(3));
    }

    @Test
    void healthIsReportedOnTheAdminPortWithTheDatabase() {
        Api.Reply health = new Api.Raw(app().adminUri()).get("/healthcheck");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("database").path("healthy").asBoolean()).isTrue();
        assertThat(health.body().path("hook-queue").path("healthy").asBoolean()).isTrue();
    }

    private Api.Reply call(Api client, Endpoint e) {
        return client.send(e.method(), e.path().replace("{id}", incident).replace("{obligation}", obligation)
                .replace("{campaign}", campaign), e.body());
    }
}
