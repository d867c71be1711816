package org.breachline.people;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.breachline.text.StorableText;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks and normalises the raw values of one row. Every reason is a fixed sentence: it must never echo the value,
 * which is personal data.
 */
final class RowValidator {
    static final int MAX_REFERENCE = 200;
    static final int MAX_NAME = 300;
    // E.164 allows 15 digits; anything far longer is not worth handing to the parser.
    private static final int MAX_PHONE_INPUT = 40;
    /**
     * What people write in a phone number. libphonenumber would also read letters as a keypad (1-800-FLOWERS) and dig
     * a number out of the text around it ("Tel: ...", "... (office)"): a guess about where a breach notice goes.
     */
    private static final java.util.regex.Pattern PHONE_CHARACTERS = java.util.regex.Pattern.compile("[0-9 \u00A0+\\-.()/]+");
    private static final int MAX_LOCALE = 35;
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ImportSettings settings;
    private final KnownJurisdictions jurisdictions;
    private final EmailAddressCheck emailCheck = new EmailAddressCheck();
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private static final int MAX_KNOWN_LOCALES = 1000;
    private final Map<String, Optional<String>> knownLocales = new ConcurrentHashMap<>();

    RowValidator(ImportSettings settings, KnownJurisdictions jurisdictions) {
        this.settings = settings;
        this.jurisdictions = jurisdictions;
    }

    /** Validates a row whose values are already stripped; absent and blank values are null. */
    RowOutcome validate(long line, Map<PersonField, String> raw) {
        Map<PersonField, String> values = new EnumMap<>(PersonField.class);
        for (var entry : raw.entrySet()) {
            String value = entry.getValue() == null ? null : entry.getValue().strip();
            if (value != null && !value.isEmpty()) {
                values.put(entry.getKey(), value);
            }
        }
        List<RowProblem> problems = new ArrayList<>();

        String reference = values.get(PersonField.REFERENCE);
        if (reference == null) {
            problems.add(problem(PersonField.REFERENCE, "reference is required"));
        } else if (reference.length() > MAX_REFERENCE) {
            problems.add(problem(PersonField.REFERENCE, "reference is longer than " + MAX_REFERENCE + " characters"));
        } else if (hasControlCharacters(reference)) {
            problems.add(problem(PersonField.REFERENCE,
                    "reference contains control characters or an unpaired surrogate"));
        }

        // A quoted CSV field may span lines; in a salutation any run of whitespace reads as one space.
        String name = values.get(PersonField.NAME) == null ? null : singleSpaced(values.get(PersonField.NAME));
        if (name != null && name.length() > MAX_NAME) {
            problems.add(problem(PersonField.NAME, "name is longer than " + MAX_NAME + " characters"));
            name = null;
        } else if (name != null && hasControlCharacters(name)) {
            problems.add(problem(PersonField.NAME, "name contains control characters or an unpaired surrogate"));
            name = null;
        }

        String jurisdiction = values.get(PersonField.JURISDICTION);
        if (jurisdiction != null) {
            var known = jurisdictions.canonical(jurisdiction);
            if (known.isEmpty()) {
                problems.add(problem(PersonField.JURISDICTION,
                        "jurisdiction is not a known ISO 3166-1 country or supported ISO 3166-2 subdivision"));
            }
            jurisdiction = known.orElse(null);
        }

        String email = values.get(PersonField.EMAIL);
        if (email != null) {
            var normalised = emailCheck.normalise(email);
            if (normalised.isEmpty()) {
                problems.add(problem(PersonField.EMAIL, "email is not a valid address"));
            }
            email = normalised.orElse(null);
        }

        String phone = values.get(PersonField.PHONE);
        if (phone != null) {
            String region = jurisdiction != null ? KnownJurisdictions.countryOf(jurisdiction) : settings.defaultRegion();
            if (!PHONE_CHARACTERS.matcher(phone).matches()) {
                problems.add(problem(PersonField.PHONE, "phone may hold only digits, spaces and + - . ( ) /"));
                phone = null;
            } else {
                phone = e164(phone, region);
                if (phone == null) {
                    problems.add(problem(PersonField.PHONE, "phone is not a valid number for region " + region));
                }
            }
        }

        String locale = values.get(PersonField.LOCALE);
        if (locale != null) {
            locale = languageTag(locale);
            if (locale == null) {
                problems.add(problem(PersonField.LOCALE, "locale is not a BCP 47 language tag such as en or de-DE"));
            }
        }

        if (!values.containsKey(PersonField.EMAIL) && !values.containsKey(PersonField.PHONE)) {
            problems.add(new RowProblem("email", "an email or a phone is required"));
        }
        if (!problems.isEmpty()) {
            return new RowOutcome.Rejected(line, problems);
        }
        return new RowOutcome.Accepted(line, new AffectedPersonRow(reference, name, email, phone, locale, jurisdiction));
    }

    private String e164(String input, String region) {
        if (input.length() > MAX_PHONE_INPUT) {
            return null;
        }
        try {
            PhoneNumber number = phones.parse(input, region);
            return phones.isValidNumber(number) ? phones.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private String languageTag(String input) {
        // A file holds a handful of distinct locales a million times over; parsing each once is enough.
        if (knownLocales.size() < MAX_KNOWN_LOCALES) {
            return knownLocales.computeIfAbsent(input, RowValidator::parseLanguageTag).orElse(null);
        }
        return parseLanguageTag(input).orElse(null);
    }

    private static Optional<String> parseLanguageTag(String input) {
        return Optional.ofNullable(canonicalLanguageTag(input));
    }

    private static String canonicalLanguageTag(String input) {
        if (input.length() > MAX_LOCALE) {
            return null;
        }
        try {
            // Files often write en_US; BCP 47 uses hyphens.
            Locale locale = new Locale.Builder().setLanguageTag(input.replace('_', '-')).build();
            if (locale.getLanguage().isEmpty()) {
                return null;
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    private static String singleSpaced(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) && (c != ' ' || (i + 1 < value.length() && Character.isWhitespace(value.charAt(i + 1))))) {
                return WHITESPACE.matcher(value).replaceAll(" ");
            }
        }
        return value;
    }

    /**
     * Control characters (C0 and C1), and a lone UTF-16 surrogate, which a JSON line can write as "\ud800" and which
     * has no UTF-8 form: the sealed name would have come back with a '?' in its place.
     */
    private static boolean hasControlCharacters(String value) {
        return StorableText.problemInLine(value).isPresent();
    }

    private static RowProblem problem(PersonField field, String reason) {
        return new RowProblem(field.key(), reason);
    }
}
