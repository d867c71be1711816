package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class HookSecretGeneratorTest {

    private final HookSecretGenerator generator = new HookSecretGenerator(new SecureRandom());

    @Test
    void generatesAStandardWebhooksSecretOf32BytesInTheWhsecForm() {
        GeneratedSecret generated = generator.generate(AuthScheme.STANDARD_WEBHOOKS);

        assertThat(generated.secret()).startsWith("whsec_");
        assertThat(WebhookSecret.parse(generated.secret()).key()).hasSize(32);
        assertThat(generated.stored()).as("an HMAC scheme must keep the secret").isEqualTo(generated.secret());
    }

    @Test
    void storesOnlyTheHashOfABearerOrPathSecret() {
        for (AuthScheme scheme : new AuthScheme[] {AuthScheme.BEARER, AuthScheme.SECRET_PATH}) {
            GeneratedSecret generated = generator.generate(scheme);

            assertThat(generated.secret()).matches("[A-Za-z0-9_-]{43}");
            assertThat(generated.stored()).startsWith("sha256:").doesNotContain(generated.secret());
            assertThat(SecretHash.parse(generated.stored()).matches(generated.secret())).isTrue();
        }
    }

    @Test
    void keepsTheGrafanaHmacSecretItselfInAUrlSafeForm() {
        GeneratedSecret generated = generator.generate(AuthScheme.GRAFANA_HMAC);

        assertThat(generated.secret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(generated.stored()).isEqualTo(generated.secret());
    }

    @Test
    void neverGeneratesTheSameSecretTwice() {
        assertThat(generator.generate(AuthScheme.BEARER).secret())
                .isNotEqualTo(generator.generate(AuthScheme.BEARER).secret());
    }

    @Test
    void keepsTheSecretOutOfItsTextForm() {
        GeneratedSecret generated = generator.generate(AuthScheme.BEARER);

        assertThat(generated.toString()).doesNotContain(generated.secret());
    }

    @Test
    void marksWhichSchemesCanBeVerifiedByHash() {
        assertThat(AuthScheme.BEARER.verifiableByHash()).isTrue();
        assertThat(AuthScheme.SECRET_PATH.verifiableByHash()).isTrue();
        assertThat(AuthScheme.STANDARD_WEBHOOKS.verifiableByHash()).isFalse();
        assertThat(AuthScheme.GRAFANA_HMAC.verifiableByHash()).isFalse();
    }
}
