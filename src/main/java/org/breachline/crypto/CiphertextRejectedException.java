package org.breachline.crypto;

/** A stored contact value that cannot be decrypted: malformed, tampered with, or sealed with a key the ring lacks. */
public final class CiphertextRejectedException extends RuntimeException {
    public CiphertextRejectedException(String message) {
        super(message);
    }

    public CiphertextRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
