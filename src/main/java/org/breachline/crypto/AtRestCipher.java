package org.breachline.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts values for storage with AES-256-GCM: contact fields of affected people, alert-source secrets.
 *
 * <p>A sealed value is text: {@code v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}. The key id lets rows written
 * before a key rotation decrypt with their old key; the 96-bit nonce is random per value. The version and key id, and
 * the caller's context (for example the column name), are authenticated as associated data, so a value cannot be moved
 * to another column or relabelled with another key id unnoticed. Thread-safe.
 */
public final class AtRestCipher {
    private static final String VERSION = "v1";
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final AtRestKeyRing keys;
    private final SecureRandom random;
    // Cipher.getInstance looks the provider up on every call, which costs more than sealing a short value; a cipher is
    // not thread-safe but can be re-initialised for each value, so each thread keeps one.
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(AtRestCipher::newCipher);

    public AtRestCipher(AtRestKeyRing keys) {
        this(keys, new SecureRandom());
    }

    AtRestCipher(AtRestKeyRing keys, SecureRandom random) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Encrypts {@code plaintext} with the active key, bound to {@code context} (such as {@code "person.email"}). */
    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        String keyId = keys.activeKeyId();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, context));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] body = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
            return VERSION + ":" + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts a value made by {@link #seal} with the same context, whichever key of the ring sealed it.
     *
     * @throws CiphertextRejectedException if the value is malformed, was altered, or its key is not in the ring
     */
    public String open(String sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        String[] parts = sealed.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new CiphertextRejectedException("not a sealed contact value of version " + VERSION);
        }
        String keyId = parts[1];
        SecretKey key = keys.key(keyId);
        if (key == null) {
            throw new CiphertextRejectedException("sealed with key " + keyId + ", which is not in the key ring");
        }
        byte[] body;
        try {
            body = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CiphertextRejectedException("sealed value is not valid base64");
        }
        if (body.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CiphertextRejectedException("sealed value is too short");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, context));
            byte[] plain = cipher.doFinal(body, NONCE_BYTES, body.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CiphertextRejectedException("sealed value failed authentication: altered, wrong key or wrong context", e);
        } catch (GeneralSecurityException e) {
            throw new CiphertextRejectedException("sealed value cannot be decrypted", e);
        }
    }

    /** Whether a sealed value was written with a key other than the active one and should be re-sealed. */
    public boolean needsResealing(String sealed) {
        String[] parts = sealed.split(":", -1);
        return parts.length != 3 || !keys.activeKeyId().equals(parts[1]);
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] associatedData(String keyId, String context) {
        return (VERSION + ":" + keyId + ":" + context).getBytes(StandardCharsets.UTF_8);
    }
}
