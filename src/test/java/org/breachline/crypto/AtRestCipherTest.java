package org.breachline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AtRestCipherTest {
    private static final String KEY_2025 = randomKey();
    private static final String KEY_2026 = randomKey();
    private static final String INDEX_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static AtRestCipher cipher(String activeKeyId, Map<String, String> keys) {
        return new AtRestCipher(new AtRestKeyRing(keys, activeKeyId, INDEX_KEY));
    }

    private final AtRestCipher cipher2025 = cipher("k2025", Map.of("k2025", KEY_2025));

    @Test
    void opensWhatItSealed() {
        String sealed = cipher2025.seal("ada@example.com", "person.email");

        assertThat(sealed).startsWith("v1:k2025:").doesNotContain("ada");
        assertThat(cipher2025.open(sealed, "person.email")).isEqualTo("ada@example.com");
    }

    @Test
    void sealsTheSameValueDifferentlyEachTime() {
        assertThat(cipher2025.seal("+14155550132", "person.phone")).isNotEqualTo(cipher2025.seal("+14155550132", "person.phone"));
    }

    @Test
    void roundTripsNonAsciiAndEmptyValues() {
        assertThat(cipher2025.open(cipher2025.seal("Jürgen Größe 🙂", "person.name"), "person.name")).isEqualTo("Jürgen Größe 🙂");
        assertThat(cipher2025.open(cipher2025.seal("", "person.name"), "person.name")).isEmpty();
    }

    @Test
    void opensValuesSealedBeforeAKeyRotation() {
        String old = cipher2025.seal("ada@example.com", "person.email");
        Map<String, String> ring = new LinkedHashMap<>();
        ring.put("k2025", KEY_2025);
        ring.put("k2026", KEY_2026);
        var rotated = cipher("k2026", ring);

        String fresh = rotated.seal("bob@example.com", "person.email");

        assertThat(fresh).startsWith("v1:k2026:");
        assertThat(rotated.open(old, "person.email")).isEqualTo("ada@example.com");
        assertThat(rotated.open(fresh, "person.email")).isEqualTo("bob@example.com");
        assertThat(rotated.needsResealing(old)).isTrue();
        assertThat(rotated.needsResealing(fresh)).isFalse();
    }

    @Test
    void refusesAValueWhoseCiphertextWasAltered() {
        String sealed = cipher2025.seal("ada@example.com", "person.email");
        int last = sealed.length() - 5;
        char flipped = sealed.charAt(last) == 'A' ? 'B' : 'A';
        String tampered = sealed.substring(0, last) + flipped + sealed.substring(last + 1);

        assertThatThrownBy(() -> cipher2025.open(tampered, "person.email"))
                .isInstanceOf(CiphertextRejectedException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void refusesAValueMovedToAnotherContext() {
        String sealed = cipher2025.seal("ada@example.com", "person.email");

        assertThatThrownBy(() -> cipher2025.open(sealed, "person.name")).isInstanceOf(CiphertextRejectedException.class);
    }

    @Test
    void refusesAValueRelabelledWithAnotherKeyId() {
        Map<String, String> ring = Map.of("k2025", KEY_2025, "k2026", KEY_2025);
        var twoIdsOneKey = cipher("k2025", ring);
        String relabelled = twoIdsOneKey.seal("ada@example.com", "person.email").replace("v1:k2025:", "v1:k2026:");

        assertThatThrownBy(() -> twoIdsOneKey.open(relabelled, "person.email")).isInstanceOf(CiphertextRejectedException.class);
    }

    @Test
    void refusesToOpenWithTheWrongKey() {
        String sealed = cipher2025.seal("ada@example.com", "person.email");
        var impostor = cipher("k2025", Map.of("k2025", KEY_2026));

        assertThatThrownBy(() -> impostor.open(sealed, "person.email"))
                .isInstanceOf(CiphertextRejectedException.class)
                .hasMessageContaining("failed authentication");
    }

    @Test
    void refusesAValueSealedWithAKeyNoLongerInTheRing() {
        String sealed = cipher2025.seal("ada@example.com", "person.email");
        var other = cipher("k2026", Map.of("k2026", KEY_2026));

        assertThatThrownBy(() -> other.open(sealed, "person.email"))
                .isInstanceOf(CiphertextRejectedException.class)
                .hasMessageContaining("k2025");
    }

    @Test
    void refusesMalformedValues() {
        for (String malformed : new String[] {"", "ada@example.com", "v2:k2025:AAAA", "v1:k2025:!!!", "v1:k2025:AAAA"}) {
            assertThatThrownBy(() -> cipher2025.open(malformed, "person.email")).isInstanceOf(CiphertextRejectedException.class);
        }
    }

    @Test
    void opensWhatItSealedInBytes() {
        byte[] sealed = cipher2025.sealToBytes("ada@example.com", "person.email");

        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(new String(sealed, 2, sealed[1], java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("k2025");
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("ada");
        assertThat(cipher2025.open(sealed, "person.email")).isEqualTo("ada@example.com");
        assertThat(cipher2025.open(cipher2025.sealToBytes("", "person.name"), "person.name")).isEmpty();
        assertThat(cipher2025.open(cipher2025.sealToBytes("Zoë 東京", "person.name"), "person.name")).isEqualTo("Zoë 東京");
    }

    @Test
    void aTextValueBecomesABinaryOneWithoutDecrypting() {
        String text = cipher2025.seal("ada@example.com", "person.email");

        byte[] binary = AtRestCipher.binaryForm(text);

        assertThat(cipher2025.open(binary, "person.email")).isEqualTo("ada@example.com");
        assertThat(binary.length).isEqualTo(cipher2025.sealToBytes("ada@example.com", "person.email").length);
        assertThatThrownBy(() -> cipher2025.open(binary, "person.phone")).isInstanceOf(CiphertextRejectedException.class);
        for (String malformed : new String[] {"", "v2:k2025:AAAA", "v1:k2025:!!!", "v1::AAAA"}) {
            assertThatThrownBy(() -> AtRestCipher.binaryForm(malformed)).isInstanceOf(CiphertextRejectedException.class);
        }
    }

    @Test
    void refusesAlteredRelabelledOrMalformedBytes() {
        byte[] sealed = cipher("k2025", Map.of("k2025", KEY_2025, "k2026", KEY_2025))
                .sealToBytes("ada@example.com", "person.email");
        var twoIdsOneKey = cipher("k2025", Map.of("k2025", KEY_2025, "k2026", KEY_2025));
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 3] ^= 1;
        byte[] relabelled = sealed.clone();
        relabelled[6] = '6';

        assertThatThrownBy(() -> twoIdsOneKey.open(tampered, "person.email")).hasMessageContaining("failed authentication");
        assertThatThrownBy(() -> twoIdsOneKey.open(relabelled, "person.email")).isInstanceOf(CiphertextRejectedException.class);
        for (byte[] malformed : new byte[][] {{}, {1}, {2, 5, 'k', '2', '0', '2', '5'}, {1, 0}, {1, 40, 'k'}, {1, -1, 'k'},
                {1, 5, 'k', '2', '0', '2', '5', 0, 0}}) {
            assertThatThrownBy(() -> cipher2025.open(malformed, "person.email")).isInstanceOf(CiphertextRejectedException.class);
        }
    }

    @Test
    void refusesAKeyRingWithoutItsActiveKeyOrWithShortKeys() {
        assertThatThrownBy(() -> new AtRestKeyRing(Map.of("a", KEY_2025), "b", INDEX_KEY))
                .hasMessageContaining("active key b");
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new AtRestKeyRing(Map.of("a", shortKey), "a", INDEX_KEY))
                .hasMessageContaining("256 bits")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void keyRingNeverPrintsItsKeys() {
        var ring = new AtRestKeyRing(Map.of("k2025", KEY_2025), "k2025", INDEX_KEY);

        assertThat(ring.toString()).contains("k2025").doesNotContain(KEY_2025).doesNotContain(INDEX_KEY);
    }
}
