package org.breachline.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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
        UnreadableBody.requireDecodable(null);
        UnreadableBody.requireDecodable("gzip");
        UnreadableBody.requireDecodable("Identity");
        assertThatThrownBy(() -> UnreadableBody.requireDecodable("gzip, br"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(415));
    }
}
