package org.breachline.rules;

/** Who an obligation's notice goes to. */
public enum Recipient {
    SUPERVISORY_AUTHORITY, INDIVIDUALS, ATTORNEY_GENERAL, MEDIA, CONSUMER_REPORTING_AGENCIES, CONTROLLER,
    SECTOR_REGULATOR
}
