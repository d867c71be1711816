package org.breachline.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AffectedPeopleReaderCsvTest {
    private final AffectedPeopleReader reader = new AffectedPeopleReader(new ImportSettings("US"));

    private List<RowOutcome> read(String csv) {
        return read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private List<RowOutcome> read(byte[] bytes) {
        List<RowOutcome> outcomes = new ArrayList<>();
        reader.read(new ByteArrayInputStream(bytes), ImportFormat.CSV, outcomes::add);
        return outcomes;
    }

    private static AffectedPersonRow accepted(RowOutcome outcome) {
        assertThat(outcome).isInstanceOf(RowOutcome.Accepted.class);
        return ((RowOutcome.Accepted) outcome).person();
    }

    private static RowOutcome.Rejected rejected(RowOutcome outcome) {
        assertThat(outcome).isInstanceOf(RowOutcome.Rejected.class);
        return (RowOutcome.Rejected) outcome;
    }

    @Test
    void readsAFullRowAndNormalisesItsFields() {
        var rows = read("""
                reference,name,email,phone,locale,jurisdiction
                P-1,Ada Lovelace,ada@Example.COM,(415) 555-0132,en_US,us-ca
                """);

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(2);
        assertThat(accepted(rows.get(0))).isEqualTo(
                new AffectedPersonRow("P-1", "Ada Lovelace", "ada@example.com", "+14155550132", "en-US", "US-CA"));
    }

    @Test
    void readsQuotedFieldsWithEmbeddedCommasQuotesAndNewlinesFoldingNewlinesInNames() {
        var rows = read("reference,name,email\r\n"
                + "P-1,\"Lovelace, Ada\",ada@example.com\r\n"
                + "P-2,\"Ada \"\"The Countess\"\"\nof Lovelace\",ada2@example.com\r\n"
                + "P-3,Charles,charles@example.com\r\n");

        assertThat(rows).hasSize(3);
        assertThat(accepted(rows.get(0)).name()).isEqualTo("Lovelace, Ada");
        assertThat(accepted(rows.get(1)).name()).isEqualTo("Ada \"The Countess\" of Lovelace");
        assertThat(rows).extracting(RowOutcome::line).containsExactly(2L, 3L, 5L);
    }

    @Test
    void reportsTheStartingLineOfARecordThatSpansLines() {
        var rows = read("""
                reference,name,email
                "P-1","first
                second
                third",not-an-email
                P-2,,also-not-an-email
                """);

        assertThat(rows).extracting(RowOutcome::line).containsExactly(2L, 5L);
        assertThat(rejected(rows.get(0)).field()).isEqualTo("email");
    }

    @Test
    void acceptsAHeaderWithAnySubsetOfColumnsInAnyOrder() {
        var rows = read("""
                phone,reference
                +49 30 123456,P-7
                """);

        assertThat(accepted(rows.get(0))).isEqualTo(new AffectedPersonRow("P-7", null, null, "+4930123456", null, null));
    }

    @Test
    void refusesAHeaderWithUnknownColumnsNamingThem() {
        assertThatThrownBy(() -> read("reference,e-mail,Phone,ssn\nP-1,a@example.com,+14155550132,123\n"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("unknown columns")
                .hasMessageContaining("e-mail, ssn")
                .satisfies(e -> assertThat(((ImportFileException) e).line()).isEqualTo(1));
    }

    @Test
    void refusesAHeaderWithoutAReferenceColumn() {
        assertThatThrownBy(() -> read("name,email\nAda,ada@example.com\n"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("no reference column");
    }

    @Test
    void refusesAHeaderThatNamesAColumnTwice() {
        assertThatThrownBy(() -> read("reference,email,email\n"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("more than once in the header: email");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> read("")).isInstanceOf(ImportFileException.class).hasMessageContaining("empty");
    }

    @Test
    void readsAHeaderOnlyFileAsNoRows() {
        assertThat(read("reference,email\n")).isEmpty();
    }

    @Test
    void refusesAFileThatIsNotUtf8NamingTheLine() {
        byte[] latin1 = "reference,name,email\nP-1,Ada,ada@example.com\nP-2,René,rene@example.com\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> read(latin1)).isInstanceOf(ImportFileException.class)
                .hasMessageContaining("not UTF-8").hasMessageNotContaining("René")
                .satisfies(e -> assertThat(((ImportFileException) e).line()).isBetween(1L, 3L));
        assertThat(accepted(read("reference,name,email\nP-2,René,rene@example.com\n"
                .getBytes(StandardCharsets.UTF_8)).get(0)).name()).isEqualTo("René");
    }

    @Test
    void skipsAByteOrderMarkAtTheStart() {
        byte[] body = "reference,email\nP-1,ada@example.com\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        var rows = read(withBom);

        assertThat(accepted(rows.get(0)).reference()).isEqualTo("P-1");
    }

    @Test
    void rejectsARowWithoutReference() {
        var rows = read("""
                reference,email
                ,ada@example.com
                P-2,bob@example.com
                """);

        assertThat(rejected(rows.get(0)).problems()).containsExactly(new RowProblem("reference", "reference is required"));
        assertThat(accepted(rows.get(1)).reference()).isEqualTo("P-2");
    }

    @Test
    void rejectsAReferenceLongerThanTwoHundredCharacters() {
        var rows = read("reference,email\n" + "R".repeat(201) + ",ada@example.com\n" + "R".repeat(200) + ",ada@example.com\n");

        assertThat(rejected(rows.get(0)).reason()).isEqualTo("reference is longer than 200 characters");
        assertThat(rows.get(1)).isInstanceOf(RowOutcome.Accepted.class);
    }

    @Test
    void rejectsARowWithNeitherEmailNorPhone() {
        var rows = read("reference,name,email,phone\nP-1,Ada,,\n");

        assertThat(rejected(rows.get(0)).reason()).isEqualTo("an email or a phone is required");
    }

    @Test
    void rejectsBadEmailAddressesWithoutQuotingThem() {
        var rows = read("""
                reference,email
                P-1,ada.lovelace.example.com
                P-2,ada@@example.com
                P-3,ada@localhost
                P-4,.ada@example.com
                P-5,ada..l@example.com
                P-6,ada@-example.com
                P-7,%s@example.com
                P-8,"ada lovelace@example.com"
                P-9,ada+tag@sub.example.co.uk
                """.formatted("a".repeat(65)));

        for (int i = 0; i < 8; i++) {
            var rejection = rejected(rows.get(i));
            assertThat(rejection.field()).isEqualTo("email");
            assertThat(rejection.reason()).isEqualTo("email is not a valid address");
        }
        assertThat(accepted(rows.get(8)).email()).isEqualTo("ada+tag@sub.example.co.uk");
    }

    @Test
    void rejectsAnInvalidPhoneNumber() {
        var rows = read("""
                reference,phone,jurisdiction
                P-1,12345,US-NY
                P-2,call me maybe,
                P-3,+1 415 555 01329999999999999999999999999999999999999,
                """);

        assertThat(rows).allSatisfy(row -> assertThat(rejected(row).field()).isEqualTo("phone"));
        assertThat(rejected(rows.get(0)).reason()).isEqualTo("phone is not a valid number for region US");
    }

    /** libphonenumber reads letters as a keypad (1-800-FLOWERS) and digs a number out of text around it. */
    @Test
    void aPhoneWithLettersIsRefusedRatherThanGuessedAt() {
        var rows = read("""
                reference,phone,jurisdiction
                P-1,+1 800 FLOWERS,US-NY
                P-2,Tel: +49 30 1234567,DE
                P-3,+49 30 1234567 (office),DE
                P-4,+49 30 1234567,DE
                """);

        for (int i = 0; i < 3; i++) {
            assertThat(rejected(rows.get(i)).field()).isEqualTo("phone");
            assertThat(rejected(rows.get(i)).reason())
                    .isEqualTo("phone may hold only digits, spaces and + - . ( ) /");
        }
        assertThat(accepted(rows.get(3)).phone()).isEqualTo("+49301234567");
    }

    @Test
    void normalisesNationalPhoneNumbersWithTheRegionOfTheJurisdiction() {
        var rows = read("""
                reference,phone,jurisdiction
                P-US,(212) 555-0147,US-NY
                P-DE,030 123456,DE
                P-DE-INTL,+49 30 123456,US-CA
                P-NONE,415-555-0132,
                """);

        assertThat(rows).extracting(row -> accepted(row).phone())
                .containsExactly("+12125550147", "+4930123456", "+4930123456", "+14155550132");
    }

    @Test
    void readsNationalNumbersWithoutJurisdictionInTheConfiguredDefaultRegion() {
        var germanDefault = new AffectedPeopleReader(new ImportSettings("DE"));
        List<RowOutcome> rows = new ArrayList<>();
        germanDefault.read(new ByteArrayInputStream("reference,phone\nP-1,0151 23456789\n".getBytes(StandardCharsets.UTF_8)),
                ImportFormat.CSV, rows::add);

        assertThat(accepted(rows.get(0)).phone()).isEqualTo("+4915123456789");
    }

    @Test
    void rejectsAnUnknownJurisdiction() {
        var rows = read("""
                reference,email,jurisdiction
                P-1,a@example.com,US-XX
                P-2,a@example.com,ZZ
                P-3,a@example.com,EU
                P-4,a@example.com,ca-qc
                P-5,a@example.com,AU-NSW
                P-6,a@example.com,US-PR
                """);

        for (int i = 0; i < 3; i++) {
            assertThat(rejected(rows.get(i)).field()).isEqualTo("jurisdiction");
        }
        assertThat(rows.subList(3, 6)).extracting(row -> accepted(row).jurisdiction()).containsExactly("CA-QC", "AU-NSW", "US-PR");
    }

    @Test
    void rejectsAMalformedLocale() {
        var rows = read("""
                reference,email,locale
                P-1,a@example.com,english please
                P-2,a@example.com,de-DE
                """);

        assertThat(rejected(rows.get(0)).field()).isEqualTo("locale");
        assertThat(accepted(rows.get(1)).locale()).isEqualTo("de-DE");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfFields() {
        var rows = read("reference,email\nP-1,a@example.com,extra\n");

        assertThat(rejected(rows.get(0)).reason()).isEqualTo("row has 3 fields but the header has 2");
    }

    @Test
    void reportsEveryProblemOfARow() {
        var rows = read("reference,email,phone,jurisdiction\n,bad,bad,XX\n");

        assertThat(rejected(rows.get(0)).problems()).extracting(RowProblem::field)
                .containsExactlyInAnyOrder("reference", "email", "phone", "jurisdiction");
    }

    @Test
    void rejectionsNeverContainThePersonalData() {
        String name = "Zebedee Quux" + "x".repeat(300);
        var rows = read("reference,name,email,phone,locale,jurisdiction\n"
                + "P-1,\"" + name + "\",zebedee.quux@@mail.example,+1 999 123,zz-zz-zz-zz,QQ\n");

        var rejection = rejected(rows.get(0));
        assertThat(rejection.problems()).hasSize(5);
        assertThat(rejection.toString())
                .doesNotContain("Zebedee").doesNotContain("zebedee").doesNotContain("quux")
                .doesNotContain("999").doesNotContain("zz-zz").doesNotContain("QQ");
    }

    @Test
    void refusesAFileWithAnUnclosedQuoteWithoutQuotingIt() {
        assertThatThrownBy(() -> read("reference,email\nP-1,\"secret@example.com\n"))
                .isInstanceOf(ImportFileException.class)
                .hasMessageContaining("malformed")
                .hasMessageNotContaining("secret");
    }

    @Test
    void anUnclosedQuoteIsReportedWhereItsRowStartsNotAtTheEndOfTheFile() {
        StringBuilder csv = new StringBuilder("reference,email\nP-1,a@example.com\nP-2,\"b@example.com\n");
        for (int i = 3; i < 500; i++) {
            csv.append("P-").append(i).append(",p").append(i).append("@example.com\n");
        }
        assertThatThrownBy(() -> read(csv.toString()))
                .isInstanceOf(ImportFileException.class)
                .satisfies(e -> assertThat(((ImportFileException) e).line()).isEqualTo(3))
                .hasMessageContaining("near line 3 ");
    }

    @Test
    void skipsBlankLines() {
        var rows = read("reference,email\n\nP-1,a@example.com\n\n");

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(3);
    }
}
