package org.breachline.people;

import java.util.Objects;
import java.util.Optional;

/** One validated affected person read from an import file, ready to be stored (contact fields still in clear). */
public record AffectedPersonRow(
        String reference, String name, String email, String phone, String locale, String jurisdiction) {

    public AffectedPersonRow {
        Objects.requireNonNull(reference, "reference");
        if (email == null && phone == null) {
            throw new IllegalArgumentException("an affected person needs an email or a phone number");
        }
    }

    public Optional<String> nameIfKnown() {
        return Optional.ofNullable(name);
    }

    public Optional<String> emailIfKnown() {
        return Optional.ofNullable(email);
    }

    /** The phone number in E.164 form, such as {@code +14155550123}. */
    public Optional<String> phoneIfKnown() {
        return Optional.ofNullable(phone);
    }

    /** A BCP 47 language tag such as {@code de-DE}. */
    public Optional<String> localeIfKnown() {
        return Optional.ofNullable(locale);
    }

    /** An ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision code such as {@code US-CA}. */
    public Optional<String> jurisdictionIfKnown() {
        return Optional.ofNullable(jurisdiction);
    }

    // Personal data never goes to logs, so toString shows only the reference.
    @Override
    public String toString() {
        return "AffectedPersonRow[reference=" + reference + "]";
    }
}
