package org.breachline.people;

import org.breachline.crypto.AtRestKeyRing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlindIndexTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static BlindIndex index(String indexKey) {
        return new BlindIndex(new AtRestKeyRing(Map.of("k", KEY), "k", indexKey));
    }

    private final BlindIndex index = index(Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes()));

    @Test
    void hashesTheSameValueTheSameWay() {
        assertThat(index.of("reference", "P-1")).isEqualTo(index.of("reference", "P-1")).hasSize(64).doesNotContain("P-1");
    }

    @Test
    void keysAReferenceByTheFirst128BitsOfItsHmacSoThatStoredHexHashesConvert() {
        String full = index.of("reference:INC-2026-0001", "P-1");

        assertThat(index.ofReference("INC-2026-0001", " P-1 ").toString().replace("-", ""))
                .isEqualTo(full.substring(0, 32));
    }

    @Test
    void keepsPurposesAndIncidentsApart() {
        assertThat(index.of("email", "x")).isNotEqualTo(index.of("name", "x"));
        assertThat(index.of("ab", "c")).isNotEqualTo(index.of("a", "bc"));
        assertThat(index.ofReference("INC-2026-0001", "P-1")).isNotEqualTo(index.ofReference("INC-2026-0002", "P-1"));
    }

    @Test
    void dependsOnTheKey() {
        var other = index(Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes()));

        assertThat(other.of("reference", "P-1")).isNotEqualTo(index.of("reference", "P-1"));
    }

    @Test
    void matchesAKnownHmacSha256Value() {
        // HMAC-SHA256(key = 32 bytes "0123…", "reference\0P-1") computed with openssl.
        assertThat(index.of("reference", "P-1")).isEqualTo(EXPECTED_REFERENCE_HASH);
    }

    static final String EXPECTED_REFERENCE_HASH = "72aca61b8824622193dd121f4c2e76cb10c6956622da202ea21a967f1bd67625";
}
