package org.breachline.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnreadableBodyTest {
    @Test
    void aSenderThatStopsSendingIsATimeoutNotAServerError() {
        // Jetty reports its idle timeout while a body is read as an IOException around a TimeoutException.
        var answer = UnreadableBody.of(new IOException(new TimeoutException("Idle timeout expired: 30000/30000 ms")));
        assertThat(answer).isPresent();
        assertThat(answer.get().status()).isEqualTo(408);
        assertThat(answer.get().error().code()).isEqualTo("request.timeout");
    }

    @Test
    void ourOwnFailuresAreNotBlamedOnTheBody() {
        assertThat(UnreadableBody.of(new IllegalStateException("bug"))).isEmpty();
        assertThat(UnreadableBody.of(new IOException("disk full"))).isEmpty();
    }

    @Test
    void onlyCodingsTheServerDecodesAreAccepted() {
        ContentDecoding.decoded(InputStream.nullInputStream(), null);
        ContentDecoding.decoded(InputStream.nullInputStream(), "gzip");
        ContentDecoding.decoded(InputStream.nullInputStream(), "Identity");
        assertThatThrownBy(() -> ContentDecoding.decoded(InputStream.nullInputStream(), "gzip, br"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void aGzipStreamCutShortFailsAsTheSendersFault() throws IOException {
        byte[] whole = gzip("reference,email\n" + "r1,a@example.com\n".repeat(2_000));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);

        InputStream decoded = ContentDecoding.decoded(new java.io.ByteArrayInputStream(cut), "gzip");

        assertThatThrownBy(decoded::readAllBytes).satisfies(e -> {
            var answer = UnreadableBody.of(e);
            assertThat(answer).isPresent();
            assertThat(answer.get().status()).isEqualTo(400);
            assertThat(answer.get().error().code()).isEqualTo("request.body_unreadable");
        });
    }

    @Test
    void codingsAreUndoneInTheReverseOfTheOrderTheyWereApplied() throws IOException {
        byte[] twice = gzip(new String(gzip("{}"), java.nio.charset.StandardCharsets.ISO_8859_1));
        InputStream decoded = ContentDecoding.decoded(new java.io.ByteArrayInputStream(twice), "gzip, identity, x-gzip");
        assertThat(new String(decoded.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    private static byte[] gzip(String text) throws IOException {
        var packed = new java.io.ByteArrayOutputStream();
        try (var out = new java.util.zip.GZIPOutputStream(packed)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return packed.toByteArray();
    }
}
