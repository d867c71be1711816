package org.breachline.people;

import java.util.Locale;
import java.util.Optional;

/** The columns (CSV) or keys (JSON Lines) an import file may carry. */
public enum PersonField {
    REFERENCE, NAME, EMAIL, PHONE, LOCALE, JURISDICTION;

    /** The column or key as written in files: lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PersonField> fromKey(String key) {
        for (PersonField field : values()) {
            if (field.key().equals(key)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
