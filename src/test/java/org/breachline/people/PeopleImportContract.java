package org.breachline.people;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing, listing and purging affected people over HTTP, written once and run against each database. */
abstract class PeopleImportContract {
    abstract TestApp app();

    static final String CSV = """
            reference,name,email,phone,locale,jurisdiction
            P-1,Ada Lovelace,ada@example.com,+14155550101,en-US,US-CA
            P-2,Bertha Benz,bertha@example.de,,de-DE,DE
            P-3,Broken,not-an-email,,en,DE
            P-1,,ada.new@example.com,,,
            P-4,Carl,carl@example.com,,en,US-CA
            """;

    Api responder() {
        return app().as(Role.RESPONDER);
    }

    String openIncident() {
        Api.Reply r = responder().post("/api/incidents", Map.of("title", "people import",
                "affectedEstimate", Map.of("FR", 7)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.str("key");
    }

    Api.Reply importCsv(String incident, String csv) {
        return responder().send("POST", "/api/incidents/" + incident + "/people", csv, "Content-Type", "text/csv");
    }

    /** The rows as stored, sealed values as hex text (so that rows compare by content). */
    List<Map<String, Object>> storedRows(String incident) {
        return storedRowsAsRead(incident).stream().map(row -> {
            Map<String, Object> comparable = new java.util.LinkedHashMap<>(row);
            comparable.replaceAll((column, value) -> value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : value);
            return comparable;
        }).toList();
    }

    List<Map<String, Object>> storedRowsAsRead(String incident) {
        return app().jdbi().withHandle(h -> h.createQuery("SELECT p.* FROM affected_person p JOIN incident i "
                + "ON i.id = p.incident_id WHERE i.incident_key = :key ORDER BY p.id").bind("key", incident)
                .mapToMap().list());
    }

    JsonNode incident(String key) {
        return responder().get("/api/incidents/" + key).body();
    }

    List<String> timelineKinds(String key) {
        List<String> kinds = new ArrayList<>();
        responder().get("/api/incidents/" + key + "/timeline?limit=200").body().path("items")
                .forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    @Test
    void importsACsvMergingDuplicatesAndCountingPeoplePerJurisdiction() {
        String key = openIncident();
        Api.Reply r = importCsv(key, CSV);

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().path("accepted").asLong()).isEqualTo(4);
        assertThat(r.body().path("rejected").asLong()).isEqualTo(1);
        assertThat(r.body().path("inserted").asLong()).isEqualTo(3);
        assertThat(r.body().path("duplicatesMerged").asLong()).isEqualTo(1);
        assertThat(r.body().path("rejections").get(0).path("line").asLong()).isEqualTo(4);
        assertThat(r.body().path("rejections").get(0).path("field").asText()).isEqualTo("email");
        assertThat(r.body().path("affectedByJurisdiction").path("US-CA").asLong()).isEqualTo(2);
        assertThat(r.body().path("affectedByJurisdiction").path("DE").asLong()).isEqualTo(1);

        JsonNode incident = incident(key);
        assertThat(incident.path("affectedEstimate").path("US-CA").asInt()).isEqualTo(2);
        assertThat(incident.path("affectedEstimate").path("DE").asInt()).isEqualTo(1);
        assertThat(incident.path("affectedEstimate").path("FR").asInt()).as("estimates of other places stay").isEqualTo(7);
        assertThat(timelineKinds(key)).contains("PEOPLE_IMPORTED", "FACTS_CHANGED");
    }

    @Test
    void storesContactDataOnlySealedAndNeverEchoesIt() {
        String key = openIncident();
        Api.Reply r = importCsv(key, CSV);
        assertThat(r.text()).doesNotContain("ada@example.com", "not-an-email", "Lovelace", "+14155550101");

        // Sealed bytes read as Latin-1 text, so that a plaintext stored among them would show.
        String everything = storedRowsAsRead(key).stream().map(row -> row.entrySet().stream().map(e -> e.getKey() + "="
                + (e.getValue() instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : e.getValue()))
                .toList()).toList().toString();
        // Whole values, not fragments: hex indexes and ciphertext contain short strings such as "ada" by chance.
        assertThat(everything).doesNotContain("ada@example.com", "Ada Lovelace", "bertha@", "Lovelace", "4155550101",
                "reference_sealed=P-1");
        assertThat(storedRowsAsRead(key)).allSatisfy(row -> assertThat((byte[]) row.get("email_sealed"))
                .as("sealed with the key named test").startsWith(new byte[] {1, 4, 't', 'e', 's', 't'}));

        String audit = app().as(Role.AUDITOR).get("/api/audit?limit=200").text();
        String timeline = responder().get("/api/incidents/" + key + "/timeline").text();
        assertThat(audit + timeline).doesNotContain("ada@example.com", "Lovelace", "P-1");
    }

    @Test
    void theLaterRowOfAReferenceWinsFieldByField() {
        String key = openIncident();
        importCsv(key, CSV);
        JsonNode ada = approverList(key).path("items").get(0);
        assertThat(ada.path("reference").asText()).isEqualTo("P-1");
        assertThat(ada.path("email").asText()).isEqualTo("ada.new@example.com");
        assertThat(ada.path("name").asText()).as("left empty later, so kept").isEqualTo("Ada Lovelace");
        assertThat(ada.path("phone").asText()).isEqualTo("+14155550101");
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        String key = openIncident();
        importCsv(key, CSV);
        List<Map<String, Object>> before = storedRows(key);
        long version = incident(key).path("version").asLong();

        Api.Reply again = importCsv(key, CSV);

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.body().path("inserted").asLong()).isZero();
        assertThat(again.body().path("updated").asLong()).isZero();
        assertThat(again.body().path("unchanged").asLong()).isEqualTo(3);
        assertThat(storedRows(key)).isEqualTo(before);
        assertThat(incident(key).path("version").asLong()).isEqualTo(version);
    }

    @Test
    void aReimportedRowIsComparedWithTheStoredValuesItGives() {
        String key = openIncident();
        importCsv(key, CSV);
        List<Map<String, Object>> before = storedRows(key);

        Api.Reply sameInOtherCase = importCsv(key, "reference,email\nP-1,ADA.NEW@Example.com\n");
        Api.Reply newName = importCsv(key, "reference,name,email\nP-1,Ada King,ada.new@example.com\n");

        assertThat(sameInOtherCase.body().path("unchanged").asLong()).as(sameInOtherCase.text()).isEqualTo(1);
        assertThat(sameInOtherCase.body().path("updated").asLong()).isZero();
        assertThat(newName.body().path("updated").asLong()).as(newName.text()).isEqualTo(1);
        List<Map<String, Object>> after = storedRows(key);
        assertThat(after.get(0).get("email_sealed")).isEqualTo(before.get(0).get("email_sealed"));
        assertThat(after.get(0).get("name_sealed")).isNotEqualTo(before.get(0).get("name_sealed"));
        JsonNode ada = approverList(key).path("items").get(0);
        assertThat(ada.path("name").asText()).isEqualTo("Ada King");
        assertThat(ada.path("email").asText()).isEqualTo("ada.new@example.com");
    }

    @Test
    void aLaterFileUpdatesWhatItGivesAndKeepsTheRest() {
        String key = openIncident();
        importCsv(key, CSV);
        Api.Reply r = responder().send("POST", "/api/incidents/" + key + "/people",
                "{\"reference\":\"P-2\",\"phone\":\"+4930123456\"}\n{\"reference\":\"P-9\",\"email\":\"nine@example.org\",\"jurisdiction\":\"DE\"}\n",
                "Content-Type", "application/x-ndjson");

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().path("format").asText()).isEqualTo("JSON_LINES");
        assertThat(r.body().path("updated").asLong()).isEqualTo(1);
        assertThat(r.body().path("inserted").asLong()).isEqualTo(1);
        assertThat(incident(key).path("affectedEstimate").path("DE").asInt()).isEqualTo(2);
        JsonNode bertha = approverList(key).path("items").get(1);
        assertThat(bertha.path("email").asText()).isEqualTo("bertha@example.de");
        assertThat(bertha.path("phone").asText()).isEqualTo("+4930123456");
    }

    @Test
    void aFileThatBreaksHalfWayLeavesNothingBehind() {
        String key = openIncident();
        long version = incident(key).path("version").asLong();
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        for (int i = 0; i < 45; i++) { // several batches of 10 are written before the break
            csv.append("R-").append(i).append(",r").append(i).append("@example.com,DE\n");
        }
        csv.append("R-99,\"unclosed@example.com,DE\n");

        Api.Reply r = importCsv(key, csv.toString());

        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("people.file_unreadable");
        assertThat(r.str("message")).contains("Nothing was imported").doesNotContain("unclosed@");
        assertThat(storedRows(key)).isEmpty();
        long imports = app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM people_import p JOIN incident i "
                + "ON i.id = p.incident_id WHERE i.incident_key = :key").bind("key", key).mapTo(Long.class).one());
        assertThat(imports).isZero();
        assertThat(incident(key).path("version").asLong()).isEqualTo(version);
        assertThat(timelineKinds(key)).doesNotContain("PEOPLE_IMPORTED");

        // The connection the broken import used goes back to the pool fit for the next import.
        for (int attempt = 0; attempt < 3; attempt++) {
            Api.Reply good = importCsv(key, "reference,email,jurisdiction\nR-1,r1@example.com,DE\n");
            assertThat(good.status()).as(good.text()).isEqualTo(201);
        }
        assertThat(storedRows(key)).hasSize(1);
    }

    @Test
    void aFileInAnotherCharsetIsRefusedNotMisread() {
        String key = openIncident();
        Api.Reply declared = responder().send("POST", "/api/incidents/" + key + "/people", CSV, "Content-Type",
                "text/csv; charset=windows-1252");
        assertThat(declared.status()).as(declared.text()).isEqualTo(415);
        assertThat(declared.str("message")).contains("UTF-8");

        Api.Reply latin1 = responder().exchange(HttpRequest.newBuilder(URI.create(app().baseUri() + "/api/incidents/"
                        + key + "/people")).header("Authorization", "Bearer " + responder().token())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(
                        "reference,name,email\nP-1,René,rene@example.com\n".getBytes(
                                java.nio.charset.StandardCharsets.ISO_8859_1))).build());
        assertThat(latin1.status()).as(latin1.text()).isEqualTo(422);
        assertThat(latin1.code()).isEqualTo("people.file_unreadable");
        assertThat(storedRows(key)).isEmpty();
    }

    @Test
    void aGzippedFileCutShortImportsNothing() throws Exception {
        String key = openIncident();
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append("R-").append(i).append(",r").append(i).append("@example.com,DE\n");
        }
        var packed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] half = java.util.Arrays.copyOf(packed.toByteArray(), packed.size() / 2);

        Api.Reply r = responder().exchange(HttpRequest.newBuilder(URI.create(app().baseUri() + "/api/incidents/" + key
                        + "/people")).header("Authorization", "Bearer " + responder().token())
                .header("Content-Type", "text/csv").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(half)).build());

        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("request.body_unreadable");
        assertThat(storedRows(key)).isEmpty();
        assertThat(timelineKinds(key)).doesNotContain("PEOPLE_IMPORTED");
    }

    @Test
    void answersWithTheFirstRejectionsAndOffersAllOfThemAsCsv() {
        String key = openIncident();
        StringBuilder csv = new StringBuilder("reference,email\n");
        for (int i = 0; i < 12; i++) {
            csv.append("X-").append(i).append(",secret").append(i).append("-at-example.com\n");
        }
        csv.append("OK-1,ok@example.com\n");
        Api.Reply r = importCsv(key, csv.toString());

        assertThat(r.body().path("rejected").asLong()).isEqualTo(12);
        assertThat(r.body().path("rejections")).hasSize(3);
        assertThat(r.body().path("moreRejections").asBoolean()).isTrue();
        Api.Reply all = responder().get(r.str("rejectionsUrl"));
        assertThat(all.status()).isEqualTo(200);
        List<String> lines = all.text().lines().toList();
        assertThat(lines).hasSize(13).first().isEqualTo("line,field,reason");
        assertThat(lines.get(1)).startsWith("2,email,");
        assertThat(all.text()).doesNotContain("secret");
    }

    @Test
    void takesAnImportFarAboveTheGeneralBodyLimit() {
        String key = openIncident();
        StringBuilder csv = new StringBuilder("reference,email,jurisdiction\n");
        for (int i = 0; csv.length() < 200 * 1024; i++) { // the test configuration allows 64 KiB elsewhere
            csv.append("BIG-").append(i).append(",person").append(i).append("@example.com,US-TX\n");
        }
        Api.Reply r = importCsv(key, csv.toString());
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().path("accepted").asLong()).isGreaterThan(5000);
        assertThat(incident(key).path("affectedEstimate").path("US-TX").asLong())
                .isEqualTo(r.body().path("inserted").asLong());
    }

    @Test
    void listsPeopleWithoutContactDataUnlessAnApproverAsks() {
        String key = openIncident();
        importCsv(key, CSV);

        Api.Reply plain = app().as(Role.AUDITOR).get("/api/incidents/" + key + "/people?limit=2");
        assertThat(plain.status()).as(plain.text()).isEqualTo(200);
        assertThat(plain.body().path("total").asLong()).isEqualTo(3);
        assertThat(plain.body().path("matching").asLong()).isEqualTo(3);
        assertThat(plain.body().path("byJurisdiction").path("US-CA").asLong()).isEqualTo(2);
        assertThat(plain.body().path("items")).hasSize(2);
        assertThat(plain.body().path("items").get(0).path("hasEmail").asBoolean()).isTrue();
        assertThat(plain.text()).doesNotContain("@example", "Ada");

        Api.Reply filtered = responder().get("/api/incidents/" + key + "/people?jurisdiction=DE");
        assertThat(filtered.body().path("matching").asLong()).isEqualTo(1);
        importCsv(key, "reference,email\nNO-PLACE,nowhere@example.com\n");
        Api.Reply unknown = responder().get("/api/incidents/" + key + "/people?jurisdiction=unknown");
        assertThat(unknown.body().path("byJurisdiction").path("unknown").asLong()).isEqualTo(1);
        assertThat(unknown.body().path("matching").asLong()).as("the bucket the counts show can be listed").isEqualTo(1);
        assertThat(unknown.body().path("items")).hasSize(1);
        assertThat(unknown.body().path("items").get(0).hasNonNull("jurisdiction")).isFalse();

        Api.Reply refused = responder().get("/api/incidents/" + key + "/people?contact=true");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("auth.forbidden");

        assertThat(app().as(Role.ADMIN).get("/api/incidents/" + key + "/people?contact=true").text())
                .contains("ada.new@example.com");
        assertThat(app().as(Role.AUDITOR).get("/api/audit?action=people.contact_read").body().path("items").size())
                .isGreaterThan(0);
    }

    @Test
    void refusesBadRequestsInOneShapeWritingNothing() {
        String key = openIncident();
        Api r = responder();
        Api.Reply json = r.send("POST", "/api/incidents/" + key + "/people", "{\"reference\":\"A\"}");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.code()).isEqualTo("request.unsupported_media_type");
        assertThat(importCsv("INC-2026-9999", CSV).code()).isEqualTo("incident.not_found");
        Api.Reply empty = importCsv(key, "");
        assertThat(empty.status()).isEqualTo(422);
        Api.Reply noHeader = importCsv(key, "P-1,ada@example.com\n");
        assertThat(noHeader.status()).isEqualTo(422);
        assertThat(noHeader.text()).doesNotContain("ada@example.com");
        assertThat(r.get("/api/incidents/" + key + "/people?limit=0").code()).isEqualTo("request.invalid_field");
        assertThat(r.get("/api/incidents/" + key + "/people?jurisdiction=XX-1234").code()).isEqualTo("request.invalid_field");
        assertThat(r.get("/api/incidents/" + key + "/people?contact=yes").code()).isEqualTo("request.invalid_field");
        assertThat(r.get("/api/incidents/" + key + "/people/imports/not-a-uuid/rejections").status()).isEqualTo(404);
        assertThat(r.get("/api/incidents/" + key + "/people/imports/" + java.util.UUID.randomUUID() + "/rejections")
                .code()).isEqualTo("people.import_not_found");
        assertThat(storedRows(key)).isEmpty();
    }

    @Test
    void refusesAnImportIntoAClosedIncident() {
        String key = openIncident();
        responder().post("/api/incidents/" + key + "/transitions", Map.of("to", "CLOSED", "note", "false alarm"));
        Api.Reply r = importCsv(key, CSV);
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.code()).isEqualTo("people.incident_closed");
    }

    @Test
    void erasesContactDataOnlyOnceTheRetentionAfterClosingHasRunOut() throws Exception {
        String key = openIncident();
        importCsv(key, CSV);
        Instant start = app().clock.instant();
        try {
            responder().post("/api/incidents/" + key + "/transitions", Map.of("to", "CLOSED", "note", "done"));
            app().clock.advance(Duration.ofDays(29)); // the test configuration keeps contact data 30 days
            runPurge();
            assertThat(storedRows(key)).allSatisfy(row -> assertThat(row.get("contact_purged_at")).isNull());

            app().clock.advance(Duration.ofDays(2));
            runPurge();
            assertThat(storedRows(key)).allSatisfy(row -> {
                assertThat(row.get("contact_purged_at")).isNotNull();
                assertThat(row.get("email_sealed")).isNull();
                assertThat(row.get("phone_sealed")).isNull();
                assertThat(row.get("name_sealed")).isNull();
            });
            JsonNode listed = app().as(Role.ADMIN).get("/api/incidents/" + key + "/people?contact=true").body();
            assertThat(listed.path("total").asLong()).as("people stay counted").isEqualTo(3);
            assertThat(listed.path("items").get(0).has("email")).isFalse();
            assertThat(listed.path("items").get(0).path("contactPurgedAt").isTextual()).isTrue();
            assertThat(timelineKinds(key)).contains("CONTACT_DATA_PURGED");
        } finally {
            app().clock.set(start);
        }
    }

    private void runPurge() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(app().adminUri() + "/tasks/purge-contact-data"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode approverList(String key) {
        Api.Reply r = app().as(Role.APPROVER).get("/api/incidents/" + key + "/people?contact=true");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.body();
    }
}
