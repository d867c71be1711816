package org.breachline.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every write lands in a hash chain whose tampering is detected. Written once, run per database. */
abstract class AuditChainContract {
    abstract TestApp app();

    Api auditor() {
        return app().as(Role.AUDITOR);
    }

    @Test
    void everyWriteIsAuditedWithActorActionAndRecord() {
        Api responder = app().as(Role.RESPONDER);
        String id = responder.post("/api/incidents", Map.of("title", "Audited")).str("id");
        responder.patch("/api/incidents/" + id, Map.of("severity", "HIGH"));
        responder.post("/api/incidents/" + id + "/notes", Map.of("text", "hello"));
        JsonNode page = auditor().get("/api/audit?recordId=" + id).body();
        assertThat(page.path("total").asInt()).isEqualTo(3);
        assertThat(page.path("items").get(0).path("action").asText()).as("newest first").isEqualTo("incident.note");
        assertThat(page.path("items").get(2).path("action").asText()).isEqualTo("incident.create");
        assertThat(page.path("items").get(2).path("actor").asText()).isEqualTo("responder-tester");
        assertThat(auditor().get("/api/audit?action=incident.update&recordId=" + id).body().path("total").asInt())
                .isEqualTo(1);
        assertThat(auditor().get("/api/audit?limit=1").body().path("items")).hasSize(1);
    }

    @Test
    void anUntouchedChainVerifiesAndAChangedEntryIsFound() {
        app().as(Role.RESPONDER).post("/api/incidents", Map.of("title", "Chain"));
        JsonNode ok = auditor().get("/api/audit/verify").body();
        assertThat(ok.path("intact").asBoolean()).isTrue();
        assertThat(ok.path("checked").asLong()).isPositive();

        String original = app().jdbi().withHandle(h -> h.createQuery("SELECT actor FROM audit_event WHERE seq = 1")
                .mapTo(String.class).one());
        try {
            app().jdbi().useHandle(h -> h.execute("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1"));
            JsonNode broken = auditor().get("/api/audit/verify").body();
            assertThat(broken.path("intact").asBoolean()).isFalse();
            assertThat(broken.path("brokenAtSeq").asLong()).isEqualTo(1);
            assertThat(broken.path("problem").asText()).contains("changed");
        } finally {
            app().jdbi().useHandle(h -> h.createUpdate("UPDATE audit_event SET actor = :a WHERE seq = 1")
                    .bind("a", original).execute());
        }
        assertThat(auditor().get("/api/audit/verify").body().path("intact").asBoolean()).isTrue();
    }

    @Test
    void removingTheNewestEntryIsFoundToo() {
        app().as(Role.RESPONDER).post("/api/incidents", Map.of("title", "Tail"));
        Map<String, Object> last = app().jdbi().withHandle(h -> h.createQuery(
                "SELECT * FROM audit_event WHERE seq = (SELECT MAX(seq) FROM audit_event)").map((rs, ctx) -> {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (String c : new String[]{"seq", "at", "actor", "action", "record_type", "record_id",
                            "prev_hash", "hash"}) {
                        row.put(c, rs.getObject(c));
                    }
                    row.put("details", rs.getString("details"));
                    return row;
                }).one());
        try {
            app().jdbi().useHandle(h -> h.execute("DELETE FROM audit_event WHERE seq = ?", last.get("seq")));
            JsonNode broken = auditor().get("/api/audit/verify").body();
            assertThat(broken.path("intact").asBoolean()).isFalse();
            assertThat(broken.path("problem").asText()).contains("removed");
        } finally {
            app().jdbi().useHandle(h -> h.createUpdate("INSERT INTO audit_event (seq, at, actor, action, record_type, "
                    + "record_id, details, prev_hash, hash) VALUES (:seq, :at, :actor, :action, :record_type, "
                    + ":record_id, :details, :prev_hash, :hash)").bindMap(last).execute());
        }
        assertThat(auditor().get("/api/audit/verify").body().path("intact").asBoolean()).isTrue();
    }
}
