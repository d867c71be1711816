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
 * <p>A sealed value is text, {@code v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}, or the same in bytes,
 * {@code 0x01 ‖ length of key id ‖ key id ‖ nonce ‖ ciphertext ‖ tag}, for columns written a million rows at a time
 * (a third smaller, and nothing for the database to parse). The key id lets rows written before a key rotation
 * decrypt with their old key; the 96-bit nonce is random per value. The version and key id, and the caller's context
 * (for example the column name), are authenticated as associated data, so a value cannot be moved to another column
 * or relabelled with another key id unnoticed. Both forms authenticate the same associated data, so a text value
 * becomes a binary one without decrypting ({@link #binaryForm}). Thread-safe.
 */
public final class AtRestCipher {
    private static final String VERSION = "v1";
    private static final byte BINARY_VERSION = 1;
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
        String keyId = keys.activeKeyId();
        return VERSION + ":" + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                nonceAndCiphertext(plaintext, context, keyId, 0));
    }

    /** {@link #seal} in the binary form. */
    public byte[] sealToBytes(String plaintext, String context) {
        String keyId = keys.activeKeyId();
        int header = 2 + keyId.length();
        byte[] sealed = nonceAndCiphertext(plaintext, context, keyId, header);
        sealed[0] = BINARY_VERSION;
        sealed[1] = (byte) keyId.length();
        System.arraycopy(keyId.getBytes(StandardCharsets.US_ASCII), 0, sealed, 2, keyId.length()); // ASCII: AtRestKeyRing
        return sealed;
    }

    /** Nonce, ciphertext and tag, after {@code offset} bytes left free for the caller's header. */
    private byte[] nonceAndCiphertext(String plaintext, String context, String keyId, int offset) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(context, "context");
        byte[] plain = plaintext.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = ciphers.get();
            byte[] out = new byte[offset + NONCE_BYTES + plain.length + TAG_BITS / 8];
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            System.arraycopy(nonce, 0, out, offset, NONCE_BYTES);
            cipher.init(Cipher.ENCRYPT_MODE, keys.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(keyId, context));
            cipher.doFinal(plain, 0, plain.length, out, offset + NONCE_BYTES);
            return out;
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
        String[] parts = textParts(sealed);
        return decrypt(parts[1], context, textBody(parts), 0);
    }

    /** {@link #open} for the binary form. */
    public String open(byte[] sealed, String context) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(context, "context");
        if (sealed.length < 2 || sealed[0] != BINARY_VERSION || sealed[1] < 1 || sealed.length < 2 + sealed[1]) {
            throw new CiphertextRejectedException("not a sealed contact value of version " + VERSION);
        }
        int keyIdLength = sealed[1];
        String keyId = new String(sealed, 2, keyIdLength, StandardCharsets.US_ASCII);
        return decrypt(keyId, context, sealed, 2 + keyIdLength);
    }

    /**
     * The binary form of a text-form sealed value, without decrypting it (for converting stored values).
     *
     * @throws CiphertextRejectedException if the value is not a sealed value of this version
     */
    public static byte[] binaryForm(String sealed) {
        String[] parts = textParts(Objects.requireNonNull(sealed, "sealed"));
        String keyId = parts[1];
        if (keyId.isEmpty() || keyId.length() > Byte.MAX_VALUE || !StandardCharsets.US_ASCII.newEncoder().canEncode(keyId)) {
            throw new CiphertextRejectedException("sealed value names an impossible key id");
        }
        byte[] body = textBody(parts);
        return ByteBuffer.allocate(2 + keyId.length() + body.length).put(BINARY_VERSION).put((byte) keyId.length())
                .put(keyId.getBytes(StandardCharsets.US_ASCII)).put(body).array();
    }

    private static String[] textParts(String sealed) {
        String[] parts = sealed.split(":", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new CiphertextRejectedException("not a sealed contact value of version " + VERSION);
        }
        return parts;
    }

    private static byte[] textBody(String[] parts) {
        try {
            return Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CiphertextRejectedException("sealed value is not valid base64");
        }
    }

    /** Opens nonce ‖ ciphertext ‖ tag, found in {@code body} from {@code offset} to its end. */
    private String decrypt(String keyId, String context, byte[] body, int offset) {
        SecretKey key = keys.key(keyId);
        if (key == null) {
            throw new CiphertextRejectedException("sealed with key " + keyId + ", which is not in the key ring");
        }
        if (body.length - offset < NONCE_BYTES + TAG_BITS / 8) {
            throw new CiphertextRejectedException("sealed value is too short");
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, body, offset, NONCE_BYTES));
            cipher.updateAAD(associatedData(keyId, context));
            byte[] plain = cipher.doFinal(body, offset + NONCE_BYTES, body.length - offset - NONCE_BYTES);
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
