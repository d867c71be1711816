package org.breachline.notify;

/** A rendered SMS would take more segments than configured; names the template and the count. */
public final class SmsTooLongException extends RuntimeException {
    private final String template;
    private final SmsSegmentCount count;

    public SmsTooLongException(String template, SmsSegmentCount count, int maxSegments) {
        super("SMS from template " + template + " takes " + count.segments() + " segments (" + count.units() + " "
                + count.encoding() + " units); at most " + maxSegments + " allowed");
        this.template = template;
        this.count = count;
    }

    public String template() {
        return template;
    }

    public SmsSegmentCount count() {
        return count;
    }
}
