package org.breachline.people;

import org.breachline.crypto.AtRestCipher;
import org.breachline.crypto.AtRestKeyRing;
import java.util.Objects;

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

    String seal(String value, String column) {
        return value == null ? null : cipher.seal(value, column);
    }

    /** Opens a sealed column value; null stays null. */
    public String open(String sealed, String column) {
        return sealed == null ? null : cipher.open(sealed, column);
    }

    String referenceIndex(String incidentKey, String reference) {
        return index.ofReference(incidentKey, reference);
    }
}
