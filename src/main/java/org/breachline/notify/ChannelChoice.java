package org.breachline.notify;

/** Which of a campaign's channels each person gets. */
public enum ChannelChoice {
    /** E-mail to people with an address; SMS only to those without one. */
    EMAIL_ELSE_SMS,
    /** Every campaign channel the person has an address for. */
    BOTH
}
