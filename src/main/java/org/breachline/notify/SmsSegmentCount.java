package org.breachline.notify;

/**
 * The size of an SMS body: its encoding, its characters (Unicode code points), its units (GSM-7 septets, an extension
 * character taking two, or UTF-16 code units) and the segments it is sent and billed as.
 */
public record SmsSegmentCount(SmsEncoding encoding, int characters, int units, int segments) {
}
