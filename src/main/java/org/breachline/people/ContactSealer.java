package org.breachline.people;

import org.breachline.crypto.AtRestCipher;
import org.breachline.crypto.AtRestKeyRing;
import java.util.Objects;
import java.util.UUID;

/** Seals contact fields, with one fixed context per column, and computes the reference's blind index. */
public final class ContactSealer {
    static final String REFERENCE = "person.reference";
    static final String NAME = "person.name";
    static final String EMAIL = "person.email";
    static final String PHONE = "person.phone";

    private final AtRestCipher cipher;
    private final BlindIndex index;

    public ContactSealer(AtRestKeyRing keys) {
        this.cipher = new AtRestCipher(Objects.requireNonNull(keys));
        this.index = new BlindIndex(keys);
    }

    byte[] seal(String value, String column) {
        return value == null ? null : cipher.sealToBytes(value, column);
    }

    /** Opens a sealed column value; null stays null. */
    public String open(byte[] sealed, String column) {
        return sealed == null ? null : cipher.open(sealed, column);
    }

    UUID referenceIndex(String incidentKey, String reference) {
        return index.ofReference(incidentKey, reference);
    }
}
