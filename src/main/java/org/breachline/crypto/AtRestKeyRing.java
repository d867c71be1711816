package org.breachline.crypto;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that protect data at rest (contact data, alert-source secrets), as configured: key id → base64 of a 256-bit AES key, the id of the one key
 * new values are encrypted with, and a separate base64 key (at least 256 bits) for blind indexes (people's {@code BlindIndex}). Retired keys
 * stay in the ring so that rows written with them still decrypt.
 */
public final class AtRestKeyRing {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    private static final int AES_256_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final byte[] indexKey;

    public AtRestKeyRing(Map<String, String> base64Keys, String activeKeyId, String base64IndexKey) {
        Objects.requireNonNull(base64Keys, "keys");
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        Objects.requireNonNull(base64IndexKey, "indexKey");
        Map<String, SecretKey> decoded = new LinkedHashMap<>();
        for (var entry : base64Keys.entrySet()) {
            String id = entry.getKey();
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("key id must be 1-32 letters, digits, '.', '_' or '-': " + id);
            }
            // The key itself never appears in a message.
            byte[] bytes = decode(entry.getValue(), "key " + id);
            if (bytes.length != AES_256_BYTES) {
                throw new IllegalArgumentException("key " + id + " must be 256 bits (32 bytes), not " + bytes.length + " bytes");
            }
            decoded.put(id, new SecretKeySpec(bytes, "AES"));
        }
        if (!decoded.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("the active key " + activeKeyId + " is not in the key ring");
        }
        byte[] index = decode(base64IndexKey, "index key");
        if (index.length < AES_256_BYTES) {
            throw new IllegalArgumentException("the index key must be at least 256 bits");
        }
        this.keys = Map.copyOf(decoded);
        this.activeKeyId = activeKeyId;
        this.indexKey = index;
    }

    private static byte[] decode(String base64, String what) {
        try {
            return Base64.getDecoder().decode(Objects.requireNonNull(base64, what).strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
    }

    String activeKeyId() {
        return activeKeyId;
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    SecretKey key(String id) {
        return keys.get(id);
    }

    public byte[] indexKey() {
        return indexKey.clone();
    }

    // Keys never reach logs.
    @Override
    public String toString() {
        return "AtRestKeyRing[keys=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }
}
