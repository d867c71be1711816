package org.breachline.http;

import org.breachline.auth.Role;
import org.breachline.testing.Api;
import org.breachline.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never gets a 500 or a stack trace, always the one error shape naming what is wrong, and never leaves
 * anything half-written. Written once, run per database.
 */
abstract class BadInputContract {
    abstract TestApp app();

    Api responder() {
        return app().as(Role.RESPONDER);
    }

    static Stream<Arguments> badIncidentBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"title\": \"x\",", 400, "request.malformed_json", null),
                Arguments.of("not an object", "[1,2]", 400, "request.invalid_field", null),
                Arguments.of("empty body", "", 400, "request.malformed_json", null),
                Arguments.of("unknown field", "{\"title\":\"x\",\"sevrity\":\"HIGH\"}", 400, "request.unknown_field", "sevrity"),
                Arguments.of("wrong type", "{\"title\":42}", 400, "request.invalid_field", "title"),
                Arguments.of("number as string", "{\"title\":\"x\",\"affectedEstimate\":{\"DE\":\"12\"}}", 400,
                        "request.invalid_field", "affectedEstimate.DE"),
                Arguments.of("wrong-case enum", "{\"title\":\"x\",\"severity\":\"high\"}", 400, "request.invalid_field", "severity"),
                Arguments.of("unknown enum", "{\"title\":\"x\",\"dataCategories\":[\"SHOE_SIZE\"]}", 400,
                        "request.invalid_field", "dataCategories[0]"),
                Arguments.of("time without zone", "{\"title\":\"x\",\"awareAt\":\"2026-03-06T09:00:00\"}", 400,
                        "request.invalid_field", "awareAt"),
                Arguments.of("time as epoch number", "{\"title\":\"x\",\"awareAt\":1772784000}", 400,
                        "request.invalid_field", "awareAt"),
                Arguments.of("unknown event", "{\"title\":\"x\",\"events\":{\"partyAt\":\"2026-03-06T09:00:00Z\"}}", 400,
                        "request.invalid_field", "events.partyAt"),
                Arguments.of("blank title", "{\"title\":\"  \"}", 422, "request.validation_failed", "title"),
                Arguments.of("title too long", "{\"title\":\"" + "x".repeat(201) + "\"}", 422,
                        "request.validation_failed", "title"),
                Arguments.of("bad jurisdiction", "{\"title\":\"x\",\"affectedEstimate\":{\"XQ\":3}}", 422,
                        "request.validation_failed", "affectedEstimate.XQ"),
                Arguments.of("negative count", "{\"title\":\"x\",\"affectedEstimate\":{\"DE\":-3}}", 422,
                        "request.validation_failed", "affectedEstimate.DE"),
                Arguments.of("bad time zone", "{\"title\":\"x\",\"timeZone\":\"Mars/Olympus\"}", 422,
                        "request.validation_failed", "timeZone"),
                Arguments.of("bad controller email", "{\"title\":\"x\",\"role\":\"PROCESSOR\",\"controllerContact\":"
                        + "{\"name\":\"ACME\",\"email\":\"not-an-address\"}}", 422, "request.validation_failed",
                        "controllerContact.email"),
                Arguments.of("bad controller phone", "{\"title\":\"x\",\"role\":\"PROCESSOR\",\"controllerContact\":"
                        + "{\"name\":\"ACME\",\"phone\":\"0301234\"}}", 422, "request.validation_failed",
                        "controllerContact.phone"),
                Arguments.of("trailing garbage", "{\"title\":\"x\"} {}", 400, "request.malformed_json", null),
                Arguments.of("enum as a number", "{\"title\":\"x\",\"dataCategories\":[1]}", 400,
                        "request.invalid_field", "dataCategories[0]"),
                Arguments.of("null in a list", "{\"title\":\"x\",\"dataCategories\":[null]}", 400,
                        "request.invalid_field", "dataCategories[0]"),
                Arguments.of("null in a map", "{\"title\":\"x\",\"affectedEstimate\":{\"DE\":null}}", 400,
                        "request.invalid_field", "affectedEstimate.DE"),
                Arguments.of("time past year 9999", "{\"title\":\"x\",\"awareAt\":\"+999999999-12-31T23:59:59Z\"}",
                        400, "request.invalid_field", "awareAt"),
                Arguments.of("time before year 1", "{\"title\":\"x\",\"awareAt\":\"-0001-01-01T00:00:00Z\"}",
                        400, "request.invalid_field", "awareAt"),
                Arguments.of("field given twice", "{\"title\":\"x\",\"title\":\"y\"}", 400,
                        "request.duplicate_field", "title"),
                Arguments.of("map key given twice", "{\"title\":\"x\",\"affectedEstimate\":{\"DE\":1,\"DE\":2}}",
                        400, "request.duplicate_field", "affectedEstimate.DE"),
                Arguments.of("nested too deeply", "{\"title\":\"x\",\"x\":" + "[".repeat(1100) + "]".repeat(1100)
                        + "}", 400, "request.too_complex", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badIncidentBodies")
    void refusesABadIncidentWithAClearErrorAndStoresNothing(String name, String body, int status, String code,
                                                            String field) {
        long incidentsBefore = count("incident");
        long auditBefore = count("audit_event");
        Api.Reply r = responder().send("POST", "/api/incidents", body);
        assertError(r, status, code);
        if (field != null) {
            assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo(field);
        }
        assertThat(count("incident")).isEqualTo(incidentsBefore);
        assertThat(count("audit_event")).isEqualTo(auditBefore);
    }

    @Test
    void aBadPatchLeavesTheIncidentAsItWas() {
        Api.Reply created = responder().post("/api/incidents", Map.of("title", "Keep me", "severity", "LOW"));
        String path = "/api/incidents/" + created.str("id");
        for (String bad : new String[]{"{\"severity\":\"HUGE\"}", "{\"title\":null}", "{\"nope\":1}",
                "{\"affectedEstimate\":{\"ZZ\":1}}", "[]", "{\"awareAt\":\"yesterday\"}"}) {
            Api.Reply r = responder().send("PATCH", path, bad);
            assertThat(r.status()).as(bad + " -> " + r.text()).isBetween(400, 422);
            assertThat(r.body().has("code")).isTrue();
        }
        Api.Reply after = responder().get(path);
        assertThat(after.body().path("version").asLong()).isEqualTo(1);
        assertThat(after.body().path("severity").asText()).isEqualTo("LOW");
    }

    @Test
    void aBodyOverTheLimitIs413WhenAnnounced() {
        String big = "{\"title\":\"x\",\"description\":\"" + "a".repeat(70 * 1024) + "\"}";
        assertError(responder().send("POST", "/api/incidents", big), 413, "request.too_large");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        byte[] big = ("{\"title\":\"x\",\"description\":\"" + "a".repeat(70 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        long before = count("incident");
        HttpRequest request = HttpRequest.newBuilder(URI.create(app().baseUri() + "/api/incidents"))
                .header("Authorization", "Bearer " + responder().token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertError(responder().exchange(request), 413, "request.too_large");
        assertThat(count("incident")).isEqualTo(before);
    }

    @Test
    void wrongMediaTypeUnknownPathAndWrongMethodGetTheErrorShape() {
        assertError(responder().send("POST", "/api/incidents", "title=x", "Content-Type", "text/plain"),
                415, "request.unsupported_media_type");
        assertError(responder().get("/api/nothing-here"), 404, "request.no_such_resource");
        assertError(responder().send("DELETE", "/api/incidents", null), 405, "request.method_not_allowed");
    }

    @Test
    void aContentTypeOrAcceptThatIsNoMediaTypeIsNamedAndNothingIsStored() {
        long before = count("incident");
        Api.Reply r = responder().send("POST", "/api/incidents", Map.of("title", "x"), "Content-Type", "json");
        assertError(r, 400, "request.invalid_header");
        assertThat(r.str("message")).isEqualTo("The Content-Type header 'json' is not a media type (type/subtype); "
                + "send Content-Type: application/json.");
        assertThat(r.body().path("details").get(0).path("field").asText()).isEqualTo("Content-Type");
        assertThat(count("incident")).isEqualTo(before);

        Api.Reply accept = responder().send("GET", "/api/incidents", null, "Accept", "application/json, html");
        assertError(accept, 400, "request.invalid_header");
        assertThat(accept.body().path("details").get(0).path("field").asText()).isEqualTo("Accept");
        assertThat(responder().send("GET", "/api/incidents", null, "Accept",
                "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8").status())
                .as("a browser's Accept header").isEqualTo(200);
    }

    @Test
    void aRequestJettyCannotParseStillGetsTheErrorShape() throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", java.net.URI.create(app().baseUri()).getPort())) {
            socket.getOutputStream().write(("POST /api/incidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: a\r\n"
                    + "Content-Type: b\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/json").contains("\"code\"")
                    .doesNotContain("<html");
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "BREW"})
    void jettysOwnErrorsHaveTheErrorShapeWhateverTheMethod(String method) throws Exception {
        String oversizedHeader = raw(method + " /api/incidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(oversizedHeader).startsWith("HTTP/1.1 431").contains("\"code\":\"request.headers_too_large\"");
        String badUri = raw(method + " /api/incidents/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(badUri).startsWith("HTTP/1.1 400").contains("\"code\":\"request.unreadable\"");
    }

    @Test
    void aMethodTheServerRefusesOutrightGetsTheErrorShape() throws Exception {
        for (String method : new String[] {"TRACE", "BREW"}) {
            String answer = raw(method + " /api/incidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                    + responder().token() + "\r\n\r\n");
            assertThat(answer).as(method).startsWith("HTTP/1.1 405").contains("application/json")
                    .contains("\"code\":\"request.method_not_allowed\"");
        }
    }

    @Test
    void anUnknownHttpVersionIsNotCalledAServerError() throws Exception {
        String answer = raw("GET /api/incidents HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 505").contains("\"code\":\"request.http_version_unsupported\"");
    }

    @Test
    void aBodyThatCannotBeReadWholeIsTheSendersFaultAndStoresNothing() throws Exception {
        long before = count("incident");
        String head = "POST /api/incidents HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + responder().token() + "\r\nContent-Type: application/json\r\n";
        String brokenChunk = raw(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(brokenChunk).startsWith("HTTP/1.1 400").contains("\"code\":\"request.body_unreadable\"");
        String notGzip = raw(head + "Content-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnotgzipped");
        assertThat(notGzip).startsWith("HTTP/1.1 400").contains("\"code\":\"request.body_unreadable\"");
        String deflate = raw(head + "Content-Encoding: deflate\r\nContent-Length: 13\r\n\r\n{\"title\":\"x\"}");
        assertThat(deflate).startsWith("HTTP/1.1 415").contains("\"code\":\"request.unsupported_encoding\"");
        assertThat(count("incident")).isEqualTo(before);
    }

    @Test
    void aGzippedBodyIsStillAccepted() throws Exception {
        var packed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write("{\"title\":\"Packed\"}".getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(app().baseUri() + "/api/incidents"))
                .header("Authorization", "Bearer " + responder().token())
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(packed.toByteArray())).build();
        Api.Reply reply = responder().exchange(request);
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        assertThat(reply.str("title")).isEqualTo("Packed");
    }

    @Test
    void aGzippedBodyCutShortIsRefusedNotReadAsShorter() throws Exception {
        long before = count("incident");
        var packed = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write("{\"title\":\"Cut\"}".getBytes(StandardCharsets.UTF_8));
        }
        // All of the JSON but not gzip's trailer: Jetty's inflater took this for a whole body.
        byte[] cut = java.util.Arrays.copyOf(packed.toByteArray(), packed.size() - 8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(app().baseUri() + "/api/incidents"))
                .header("Authorization", "Bearer " + responder().token())
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cut)).build();
        Api.Reply reply = responder().exchange(request);
        assertError(reply, 400, "request.body_unreadable");
        assertThat(reply.str("message")).contains("gzip");
        assertThat(count("incident")).isEqualTo(before);
    }

    /** The answer to bytes sent as they are, for requests no HTTP client would build. */
    String raw(String request) throws Exception {
        try (var socket = new java.net.Socket("127.0.0.1", URI.create(app().baseUri()).getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Marks a submitted value: an error body must never carry a run of it longer than {@code Echo} shows. */
    static final String HUGE = "Q".repeat(20_000); // under Jackson's name limit and the 64 KiB body limits
    static final String SHORT_ENOUGH_FOR_A_URI = "Q".repeat(3_000);

    static Stream<Arguments> placesThatQuoteWhatWasSent() {
        String at = "\"awareAt\":\"2026-03-06T09:00:00Z\"";
        return Stream.of(
                Arguments.of("unknown field name", "POST", "/api/incidents", "{\"title\":\"x\",\"" + HUGE + "\":1}"),
                Arguments.of("nested unknown field", "POST", "/api/incidents",
                        "{\"title\":\"x\",\"controllerContact\":{\"" + HUGE + "\":1}}"),
                Arguments.of("affected-estimate code", "POST", "/api/incidents",
                        "{\"title\":\"x\",\"affectedEstimate\":{\"" + HUGE + "\":3}}"),
                Arguments.of("time zone", "POST", "/api/incidents", "{\"title\":\"x\",\"timeZone\":\"" + HUGE + "\"}"),
                Arguments.of("event name", "POST", "/api/incidents",
                        "{\"title\":\"x\",\"events\":{\"" + HUGE + "\":\"2026-03-06T09:00:00Z\"}}"),
                Arguments.of("facts: unknown field", "POST", "/api/rules/evaluate", "{" + at + ",\"" + HUGE + "\":1}"),
                Arguments.of("facts: time", "POST", "/api/rules/evaluate", "{\"awareAt\":\"" + HUGE + "\"}"),
                Arguments.of("facts: time zone", "POST", "/api/rules/evaluate", "{" + at + ",\"timeZone\":\"" + HUGE + "\"}"),
                Arguments.of("facts: place", "POST", "/api/rules/evaluate", "{" + at + ",\"affected\":{\"" + HUGE + "\":1}}"),
                Arguments.of("facts: event", "POST", "/api/rules/evaluate",
                        "{" + at + ",\"events\":{\"" + HUGE + "\":\"2026-03-06T09:00:00Z\"}}"),
                Arguments.of("facts: fulfilled", "POST", "/api/rules/evaluate", "{" + at + ",\"fulfilled\":{\"" + HUGE + "\":1}}"),
                Arguments.of("facts: enum", "POST", "/api/rules/evaluate", "{" + at + ",\"risk\":\"" + HUGE + "\"}"),
                Arguments.of("facts: broken JSON", "POST", "/api/rules/evaluate", "{" + at + ",\"risk\":" + HUGE + "}"),
                Arguments.of("incident id", "GET", "/api/incidents/" + SHORT_ENOUGH_FOR_A_URI, null),
                Arguments.of("campaign id", "GET", "/api/campaigns/" + SHORT_ENOUGH_FOR_A_URI, null),
                Arguments.of("notice channel", "POST", "/api/notify/channels/" + SHORT_ENOUGH_FOR_A_URI + "/resume", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("placesThatQuoteWhatWasSent")
    void anErrorQuotesAtMostAFewCharactersOfWhatWasSent(String name, String method, String path, String body) {
        Api.Reply r = app().as(Role.ADMIN).send(method, path, body);
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        assertThat(r.body().has("code") && r.body().has("message")).as(r.text()).isTrue();
        assertThat(r.text()).as(name).doesNotContain("Q".repeat(org.breachline.text.Echo.MAX_CHARACTERS + 1));
        assertThat(r.text().length()).as(r.text()).isLessThan(2_000);
    }

    @Test
    void aCampaignsBadJurisdictionsAndVariablesAreQuotedShort() {
        String key = responder().post("/api/incidents", Map.of("title", "Quotes")).str("key");
        Api.Reply r = responder().send("POST", "/api/incidents/" + key + "/campaigns", "{\"noticeKind\":\"BREACH_NOTICE\","
                + "\"channels\":[\"EMAIL\"],\"jurisdictions\":[\"" + HUGE + "\"],\"variables\":{\"" + HUGE + "\":\"x\"}}");
        assertError(r, 422, "request.validation_failed");
        assertThat(r.text()).doesNotContain("Q".repeat(org.breachline.text.Echo.MAX_CHARACTERS + 1));
        assertThat(r.body().path("details").findValuesAsText("field")).contains("jurisdictions[0]");
    }

    @Test
    void aBadMapKeyIsNamedByItselfNotByItsMap() {
        Api.Reply event = responder().send("POST", "/api/incidents", "{\"title\":\"t\",\"events\":{\"hackedAt\":"
                + "\"2026-01-01T00:00:00Z\"}}");
        assertError(event, 400, "request.invalid_field");
        assertThat(event.body().path("details").get(0).path("field").asText()).isEqualTo("events.hackedAt");
        assertThat(event.str("message")).startsWith("events.hackedAt is not an allowed key: keys must be one of ");

        Api.Reply emptyKey = responder().send("POST", "/api/incidents", "{\"title\":\"t\",\"affectedEstimate\":{\"\":3}}");
        assertThat(emptyKey.status()).as(emptyKey.text()).isBetween(400, 499);
        assertThat(emptyKey.body().path("details").get(0).path("field").asText()).isEqualTo("affectedEstimate.\"\"");

        Api.Reply facts = responder().send("POST", "/api/rules/evaluate", "null");
        assertError(facts, 400, "rules.invalid_facts");
        assertThat(facts.body().path("details").get(0).path("field").asText()).isEqualTo("(body)");
        assertThat(facts.str("message")).isEqualTo("(body) must be a JSON object.");
    }

    @Test
    void anEmptyOrNullBodyIsNoDocumentAt400NotAValidationFailure() {
        for (String body : new String[] {"", "null", " \n"}) {
            Api.Reply r = responder().send("POST", "/api/incidents", body);
            assertError(r, 400, "request.malformed_json");
            assertThat(r.str("message")).as("[" + body + "]").isEqualTo("The request body is empty or null; send a JSON object.");
        }
        Api.Reply transition = responder().send("POST", "/api/incidents/INC-2026-9999/transitions", "");
        assertThat(transition.status()).as(transition.text()).isEqualTo(400);
        assertError(responder().send("POST", "/api/rules/evaluate", ""), 400, "request.malformed_json");
    }

    @Test
    void textThatCannotBeStoredAsSentIsRefusedNamingItsField() {
        long before = count("incident");
        Api.Reply nul = responder().send("POST", "/api/incidents", "{\"title\":\"a\\u0000b\"}");
        assertError(nul, 400, "request.invalid_field");
        assertThat(nul.body().path("details").get(0).path("field").asText()).isEqualTo("title");
        Api.Reply surrogate = responder().send("POST", "/api/incidents", "{\"title\":\"t\",\"dataCategories\":[\"NAME\"],"
                + "\"description\":\"lone \\ud800 half\"}");
        assertError(surrogate, 400, "request.invalid_field");
        assertThat(surrogate.str("message")).startsWith("description must not contain an unpaired UTF-16 surrogate");
        assertThat(count("incident")).isEqualTo(before);

        Api.Reply kept = responder().send("POST", "/api/incidents", "{\"title\":\"Line\\tbreaks \\ud83d\\ude00\","
                + "\"description\":\"one\\ntwo\\r\\n\"}");
        assertThat(kept.status()).as(kept.text()).isEqualTo(201);
        assertThat(kept.str("description")).isEqualTo("one\ntwo\r\n");

        String key = kept.str("key");
        assertError(responder().send("POST", "/api/incidents/" + key + "/notes", "{\"text\":\"\\u0007\"}"), 400,
                "request.invalid_field");
        assertError(responder().send("PATCH", "/api/incidents/" + key, "{\"description\":\"x\\u0000\"}", "If-Match", "1"),
                400, "request.invalid_field");
    }

    @Test
    void aQueryParameterWithAControlCharacterIsRefusedBeforeTheDatabaseSeesIt() {
        Api.Reply actor = app().as(Role.AUDITOR).get("/api/audit?actor=a%00b");
        assertError(actor, 400, "request.invalid_parameter");
        assertThat(actor.body().path("details").get(0).path("field").asText()).isEqualTo("actor");
        assertError(app().as(Role.AUDITOR).get("/api/audit?recordType=%00"), 400, "request.invalid_parameter");
        assertError(responder().get("/api/incidents?q=x%0Ay"), 400, "request.invalid_parameter");
        assertThat(app().anonymous().get("/api/audit?actor=a%00b").status()).as("authentication first").isEqualTo(401);
    }

    @Test
    void badQueryParametersAreNamed() {
        Api.Reply stage = responder().get("/api/incidents?stage=OPEN");
        assertError(stage, 400, "request.invalid_field");
        assertThat(stage.body().path("details").get(0).path("field").asText()).isEqualTo("stage");
        assertError(responder().get("/api/incidents?limit=0"), 400, "request.invalid_field");
        assertError(responder().get("/api/incidents?limit=abc"), 400, "request.invalid_field");
        assertError(responder().get("/api/incidents?offset=-1"), 400, "request.invalid_field");
        Api.Reply tooFar = responder().get("/api/incidents?offset=99999999999");
        assertThat(tooFar.body().path("details").get(0).path("problem").asText())
                .isEqualTo("must be a whole number from 0 to 2147483647");
    }

    @Test
    void aQueryParameterGivenTwiceOrUnknownIsRefusedRatherThanIgnored() {
        Api.Reply twice = responder().get("/api/incidents?stage=DETECTION&stage=CLOSED");
        assertError(twice, 400, "request.invalid_parameter");
        assertThat(twice.body().path("details").get(0).path("problem").asText()).isEqualTo("is given 2 times; give it once");
        Api.Reply typo = responder().get("/api/incidents?stgae=CLOSED");
        assertError(typo, 400, "request.invalid_parameter");
        assertThat(typo.body().path("details").get(0).path("field").asText()).isEqualTo("stgae");
        assertThat(typo.body().path("details").get(0).path("problem").asText()).contains("known: ", "stage");
        assertThat(responder().get("/api/incidents?stage=DETECTION&limit=5").status()).isEqualTo(200);
    }

    @Test
    void badTransitionsAndNotesAreRefusedWithTheErrorShape() {
        Api.Reply created = responder().post("/api/incidents", Map.of("title", "Moves"));
        String base = "/api/incidents/" + created.str("id");
        assertError(responder().send("POST", base + "/transitions", "{\"to\":\"SOMEWHERE\"}"), 400, "request.invalid_field");
        assertError(responder().send("POST", base + "/transitions", "{}"), 422, "request.validation_failed");
        assertError(responder().send("POST", base + "/notes", "{\"text\":\"\"}"), 422, "request.validation_failed");
        assertError(responder().send("POST", "/api/incidents/INC-2026-9999/notes", "{\"text\":\"hi\"}"), 404,
                "incident.not_found");
        assertError(responder().send("PATCH", base, "{\"x\":1}", "If-Match", "soon"), 400, "request.invalid_field");
    }

    static void assertError(Api.Reply r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.body().has("code") && r.body().has("message") && r.body().has("details")).as(r.text()).isTrue();
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.text()).doesNotContain("Exception").doesNotContain("SQL").doesNotContain("at org.");
    }

    long count(String table) {
        return app().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
