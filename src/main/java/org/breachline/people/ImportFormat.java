package org.breachline.people;

/** The file formats an affected-people import accepts. */
public enum ImportFormat {
    /** RFC 4180 CSV with a header row naming a subset of {@link PersonField} keys. */
    CSV,
    /** One JSON object per line with {@link PersonField} keys. */
    JSON_LINES
}
