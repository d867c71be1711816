package org.breachline.notify;

import java.util.Set;

/** A notice rendered for one person, ready for a channel to send. */
public sealed interface RenderedNotice {

    /** The template file it came from, for the delivery record: {@code breach-notice/email/en-US-CA.mustache}. */
    String template();

    /** Variables the template shows as values but that were not given: the notice has gaps there. */
    Set<String> unsetVariables();

    /** An e-mail: a one-line subject, an HTML part with every value escaped, and a plain-text part. */
    record Email(String template, String subject, String html, String text, Set<String> unsetVariables) implements RenderedNotice {
        public Email {
            unsetVariables = Set.copyOf(unsetVariables);
        }
    }

    /** An SMS body with its size in segments. */
    record Sms(String template, String text, SmsSegmentCount segments, Set<String> unsetVariables) implements RenderedNotice {
        public Sms {
            unsetVariables = Set.copyOf(unsetVariables);
        }
    }
}
