package org.breachline.hooks;

import org.breachline.crypto.CiphertextRejectedException;
import org.breachline.crypto.AtRestCipher;
import org.breachline.crypto.AtRestKeyRing;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SealedSourceSecretsTest {
    private static final String OLD = randomKey();
    private static final String NEW = randomKey();
    private static final String INDEX = randomKey();
    private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static SealedSourceSecrets sealedWith(String active) {
        return new SealedSourceSecrets(new AtRestCipher(new AtRestKeyRing(Map.of("old", OLD, "new", NEW), active,
                INDEX)));
    }

    @Test
    void signingKeysAreSealedAndOpenOnlyForTheirSource() {
        SealedSourceSecrets secrets = sealedWith("new");
        String stored = secrets.forStorage("edr", AuthScheme.STANDARD_WEBHOOKS, WHSEC);
        assertThat(stored).startsWith("sealed:v1:new:").doesNotContain(WHSEC.substring(6));
        assertThat(secrets.fromStorage("edr", stored)).isEqualTo(WHSEC);
        assertThatThrownBy(() -> secrets.fromStorage("other", stored)).isInstanceOf(CiphertextRejectedException.class);
        assertThat(secrets.forStorage("graf", AuthScheme.GRAFANA_HMAC, "s3cret")).startsWith("sealed:");
    }

    @Test
    void hashesStayAsTheyAreAndPlaintextKeysReadAsTheyAre() {
        SealedSourceSecrets secrets = sealedWith("new");
        String hash = SecretHash.of("token").stored();
        assertThat(secrets.forStorage("am", AuthScheme.BEARER, hash)).isEqualTo(hash);
        assertThat(secrets.needsSealing(AuthScheme.BEARER, hash)).isFalse();
        assertThat(secrets.fromStorage("edr", WHSEC)).isEqualTo(WHSEC);
        assertThat(secrets.needsSealing(AuthScheme.STANDARD_WEBHOOKS, WHSEC)).isTrue();
    }

    @Test
    void keysSealedWithARetiredContactKeyAreResealed() {
        String underOld = sealedWith("old").forStorage("edr", AuthScheme.STANDARD_WEBHOOKS, WHSEC);
        SealedSourceSecrets current = sealedWith("new");
        assertThat(current.needsSealing(AuthScheme.STANDARD_WEBHOOKS, underOld)).isTrue();
        assertThat(current.fromStorage("edr", underOld)).isEqualTo(WHSEC);
        String resealed = current.forStorage("edr", AuthScheme.STANDARD_WEBHOOKS, current.fromStorage("edr", underOld));
        assertThat(current.needsSealing(AuthScheme.STANDARD_WEBHOOKS, resealed)).isFalse();
    }
}
