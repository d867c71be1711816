package org.breachline.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Content-Transfer-Encoding the SMTP channel declares for a text part, chosen as Jakarta Mail would. */
class SmtpTransferEncodingTest {
    @Test
    void asciiInShortLinesIsSevenBit() {
        assertThat(SmtpChannel.transferEncoding("Dear customer,\r\nwe write to tell you.\n")).isEqualTo("7bit");
    }

    @Test
    void aLineLongerThanSmtpAllowsIsQuotedPrintableEvenInAscii() {
        assertThat(SmtpChannel.transferEncoding("x".repeat(999))).isEqualTo("quoted-printable");
    }

    @Test
    void mostlyAsciiTextIsQuotedPrintable() {
        assertThat(SmtpChannel.transferEncoding("Wir informieren Sie über einen Vorfall, für den wir verantwortlich sind."))
                .isEqualTo("quoted-printable");
    }

    @Test
    void mostlyNonAsciiTextIsBase64() {
        assertThat(SmtpChannel.transferEncoding("個人情報の漏えいに関するお知らせ")).isEqualTo("base64");
    }

    @Test
    void controlCharactersOtherThanTabCountAsNotAscii() {
        assertThat(SmtpChannel.transferEncoding("a\tb")).isEqualTo("7bit");
        assertThat(SmtpChannel.transferEncoding("a\u0001b")).isEqualTo("quoted-printable");
    }
}
