package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretFormsTest {

    @Test
    void readsAWebhookSecretWithOrWithoutItsPrefix() {
        WebhookSecret withPrefix = WebhookSecret.parse("whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
        WebhookSecret without = WebhookSecret.parse("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");

        assertThat(withPrefix).isEqualTo(without);
        assertThat(withPrefix.key()).startsWith(1, 2, 3).hasSize(32);
        assertThat(withPrefix.encoded()).isEqualTo("whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=");
    }

    @Test
    void refusesAWebhookSecretThatIsNotBase64OrTooShort() {
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not*base64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_AQIDBA=="))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsSecretsOutOfTheirTextForm() {
        assertThat(WebhookSecret.parse("whsec_AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=").toString())
                .doesNotContain("AQID");
    }

    @Test
    void readsBackTheStoredFormOfASecretHash() {
        SecretHash hash = SecretHash.of("token");

        assertThat(SecretHash.parse(hash.stored())).isEqualTo(hash);
        assertThat(hash.stored()).isEqualTo(
                "sha256:3c469e9d6c5875d37a43f353d4f88e61fcf812c66eee3457465a40b0da4153e0");
    }

    @Test
    void refusesAStoredHashOfAnotherForm() {
        assertThatThrownBy(() -> SecretHash.parse("token")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SecretHash.parse("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesOnlyTheSecretItHashed() {
        SecretHash hash = SecretHash.of("token");

        assertThat(hash.matches("token")).isTrue();
        assertThat(hash.matches("Token")).isFalse();
        assertThat(hash.matches(null)).isFalse();
    }
}
