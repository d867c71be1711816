package org.breachline.notify;

/** How an SMS body travels: the 7-bit GSM alphabet, or UCS-2 (UTF-16) when any character is outside it. */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet: 160 septets in a single message, 153 per part when concatenated. */
    GSM_7(160, 153),
    /** UCS-2 / UTF-16: 70 code units in a single message, 67 per part when concatenated. */
    UCS_2(70, 67);

    private final int singleLimit;
    private final int partLimit;

    SmsEncoding(int singleLimit, int partLimit) {
        this.singleLimit = singleLimit;
        this.partLimit = partLimit;
    }

    /** Units (septets or UTF-16 code units) that fit in a message sent as one segment. */
    public int singleLimit() {
        return singleLimit;
    }

    /** Units that fit in each segment of a concatenated message (the rest carries the 6-byte header). */
    public int partLimit() {
        return partLimit;
    }
}
