package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookRequestTest {

    @Test
    void findsHeadersIgnoringTheCaseOfTheirNames() {
        HookRequest request = new HookRequest("/hooks/x", Map.of("X-Grafana-Alerting-Signature", List.of("ab")),
                new byte[0]);

        assertThat(request.header("x-grafana-alerting-signature")).contains("ab");
        assertThat(request.header("X-Other")).isEmpty();
    }

    @Test
    void keepsTheValuesOfHeadersThatDifferOnlyInCase() {
        HookRequest request = new HookRequest("/hooks/x",
                Map.of("webhook-signature", List.of("v1,a"), "Webhook-Signature", List.of("v1,b")), new byte[0]);

        assertThat(request.headerValues("WEBHOOK-SIGNATURE")).containsExactlyInAnyOrder("v1,a", "v1,b");
    }

    @Test
    void readsABlankHeaderAsAbsent() {
        assertThat(HookRequest.of("/", Map.of("Authorization", "  "), new byte[0]).header("Authorization")).isEmpty();
    }

    @Test
    void findsTheLastPathSegmentIgnoringATrailingSlash() {
        assertThat(HookRequest.of("/hooks/splunk/s3cr3t/", Map.of(), new byte[0]).lastPathSegment())
                .contains("s3cr3t");
        assertThat(HookRequest.of("", Map.of(), new byte[0]).lastPathSegment()).isEmpty();
    }

    @Test
    void keepsCredentialsOutOfItsTextForm() {
        HookRequest request = HookRequest.of("/hooks/splunk/s3cr3t", Map.of("Authorization", "Bearer tok"),
                Samples.utf8("{\"user\":\"jdoe\"}"));

        assertThat(request.toString()).doesNotContain("s3cr3t", "tok", "jdoe");
    }
}
