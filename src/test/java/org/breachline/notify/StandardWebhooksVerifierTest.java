package org.breachline.notify;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The tests' receiver-side check agrees with the Standard Webhooks specification's published example. */
class StandardWebhooksVerifierTest {
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final String TIMESTAMP = "1614265330";
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsThePublishedExampleAndOnlyIt() {
        String published = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertThat(StandardWebhooksVerifier.verify(SECRET, ID, TIMESTAMP, BODY, published)).isTrue();
        assertThat(StandardWebhooksVerifier.verify(SECRET, ID, TIMESTAMP, BODY, "v1,bm90IGl0 " + published))
                .as("one of several signatures").isTrue();
        assertThat(StandardWebhooksVerifier.verify(SECRET, ID, "1614265331", BODY, published)).isFalse();
        assertThat(StandardWebhooksVerifier.verify(SECRET, "msg_other", TIMESTAMP, BODY, published)).isFalse();
        assertThat(StandardWebhooksVerifier.verify(SECRET, ID, TIMESTAMP, "{\"test\": 2432232315}"
                .getBytes(StandardCharsets.UTF_8), published)).isFalse();
        assertThat(StandardWebhooksVerifier.verify(SECRET, ID, TIMESTAMP, BODY, published.replace("v1,", "v2,")))
                .isFalse();
    }
}
