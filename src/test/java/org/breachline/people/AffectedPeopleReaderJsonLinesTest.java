package org.breachline.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffectedPeopleReaderJsonLinesTest {
    private final AffectedPeopleReader reader = new AffectedPeopleReader(new ImportSettings("US"));

    private List<RowOutcome> read(String jsonl) {
        List<RowOutcome> outcomes = new ArrayList<>();
        reader.read(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), ImportFormat.JSON_LINES, outcomes::add);
        return outcomes;
    }

    @Test
    void readsOneObjectPerLine() {
        var rows = read("""
                {"reference":"P-1","name":"Ada","email":"ada@example.com","locale":"en-GB","jurisdiction":"GB"}
                {"reference":"P-2","phone":"0151 23456789","jurisdiction":"DE","email":null}
                """);

        assertThat(rows).extracting(RowOutcome::line).containsExactly(1L, 2L);
        assertThat(((RowOutcome.Accepted) rows.get(0)).person())
                .isEqualTo(new AffectedPersonRow("P-1", "Ada", "ada@example.com", null, "en-GB", "GB"));
        assertThat(((RowOutcome.Accepted) rows.get(1)).person().phone()).isEqualTo("+4915123456789");
    }

    @Test
    void rejectsTheLineWithBadJsonAndKeepsTheOthers() {
        var rows = read("""
                {"reference":"P-1","email":"ada@example.com"}
                {"reference":"P-2","email":"secret@example.com"
                {"reference":"P-3","email":"bob@example.com"}
                """);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).isInstanceOf(RowOutcome.Accepted.class);
        var rejection = (RowOutcome.Rejected) rows.get(1);
        assertThat(rejection.line()).isEqualTo(2);
        assertThat(rejection.reason()).isEqualTo("line is not valid JSON");
        assertThat(rejection.toString()).doesNotContain("secret");
        assertThat(rows.get(2)).isInstanceOf(RowOutcome.Accepted.class);
    }

    @Test
    void rejectsLinesThatAreNotSingleObjects() {
        var rows = read("""
                ["P-1"]
                {"reference":"P-2","email":"a@example.com"} {"reference":"P-3"}
                {"reference":"P-4","email":"a@example.com","email":"b@example.com"}
                """);

        assertThat(rows).allSatisfy(row -> assertThat(row).isInstanceOf(RowOutcome.Rejected.class));
        assertThat(((RowOutcome.Rejected) rows.get(0)).reason()).isEqualTo("line is not a JSON object");
        assertThat(((RowOutcome.Rejected) rows.get(2)).reason()).isEqualTo("line gives a key twice");
    }

    @Test
    void aNumberIsNotTakenForTheTextItWouldHaveBeen() {
        var rows = read("""
                {"reference":7,"email":"a@example.com"}
                {"reference":"P-2","phone":4915123456789,"jurisdiction":"DE"}
                """);

        assertThat(rows).allSatisfy(row -> assertThat(row).isInstanceOf(RowOutcome.Rejected.class));
        assertThat(((RowOutcome.Rejected) rows.get(0)).reason()).isEqualTo("reference must be a JSON string");
        assertThat(((RowOutcome.Rejected) rows.get(1)).reason()).isEqualTo("phone must be a JSON string");
    }

    @Test
    void aLoneSurrogateOrAControlCharacterInANameRejectsTheRow() {
        var rows = read("""
                {"reference":"P-1","name":"Ren\\ud800","email":"a@example.com"}
                {"reference":"P-2","name":"Ada\\u0000","email":"b@example.com"}
                {"reference":"P-3","name":"Ren\\u00e9 \\ud83d\\ude00","email":"c@example.com"}
                {"reference":"P-4","name":"Ren\\u0085","email":"d@example.com"}
                """);

        assertThat(((RowOutcome.Rejected) rows.get(0)).problems())
                .containsExactly(new RowProblem("name", "name contains control characters or an unpaired surrogate"));
        assertThat(rows.get(1)).isInstanceOf(RowOutcome.Rejected.class);
        assertThat(((RowOutcome.Accepted) rows.get(2)).person().name()).isEqualTo("Ren\u00e9 \ud83d\ude00");
        assertThat(rows.get(3)).as("a C1 control (mojibake of a Latin-1 file)").isInstanceOf(RowOutcome.Rejected.class);
    }

    @Test
    void rejectsUnknownKeysAndNonTextValues() {
        var rows = read("""
                {"reference":"P-1","email":"a@example.com","ssn":"078-05-1120"}
                {"reference":"P-2","email":["a@example.com"]}
                """);

        var unknown = (RowOutcome.Rejected) rows.get(0);
        assertThat(unknown.reason()).isEqualTo("unknown key \"ssn\"");
        assertThat(unknown.toString()).doesNotContain("078");
        assertThat(((RowOutcome.Rejected) rows.get(1)).problems()).containsExactly(new RowProblem("email", "email must be a JSON string"));
    }

    @Test
    void countsPhysicalLinesIncludingBlankOnesAndCarriageReturns() {
        var rows = read("\r\n{\"reference\":\"P-1\",\"email\":\"a@example.com\"}\r\n\r\n{\"reference\":\"\",\"email\":\"a@example.com\"}");

        assertThat(rows).extracting(RowOutcome::line).containsExactly(2L, 4L);
        assertThat(((RowOutcome.Rejected) rows.get(1)).field()).isEqualTo("reference");
    }

    @Test
    void skipsAByteOrderMarkAtTheStart() {
        var rows = read("\uFEFF{\"reference\":\"P-1\",\"email\":\"a@example.com\"}\n");

        assertThat(rows).singleElement().isInstanceOf(RowOutcome.Accepted.class);
    }

    @Test
    void offersTheRowsAsAStreamThatClosesTheFile() {
        var closed = new boolean[1];
        var in = new ByteArrayInputStream("{\"reference\":\"P-1\",\"email\":\"a@example.com\"}\n{}\n".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        try (var rows = reader.open(in, ImportFormat.JSON_LINES).stream()) {
            assertThat(rows.map(row -> row.getClass().getSimpleName())).containsExactly("Accepted", "Rejected");
        }
        assertThat(closed[0]).isTrue();
    }

    @Test
    void readsAnEmptyFileAsNoRows() {
        assertThat(read("")).isEmpty();
    }

    @Test
    void rejectsALineLongerThanTheCapWithoutKeepingIt() {
        String huge = "{\"reference\":\"" + "x".repeat(JsonLinesPersonRows.MAX_LINE_CHARS) + "\"}";
        var rows = read(huge + "\n{\"reference\":\"P-2\",\"email\":\"a@example.com\"}\n");

        assertThat(((RowOutcome.Rejected) rows.get(0)).reason()).startsWith("line is longer than");
        assertThat(rows.get(1)).isInstanceOf(RowOutcome.Accepted.class);
        assertThat(rows.get(1).line()).isEqualTo(2);
    }
}
