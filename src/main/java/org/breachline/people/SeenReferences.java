package org.breachline.people;

import java.util.UUID;

/**
 * The references already met in one import, kept as 64-bit prefixes of their blind index in an open-addressing table
 * (16 bytes per person, so a million rows cost 16 MB, not the ~150 MB of a set of strings). A prefix collision
 * (about 1 in 10^7 for a million rows) only counts a row as a merged duplicate instead of an update; what is stored
 * is decided by the database row, not by this set.
 */
final class SeenReferences {
    private long[] slots = new long[1 << 12];
    private boolean zeroSeen;
    private int size;

    /** Adds the reference's index; true if it was already there. */
    boolean addAndCheck(UUID referenceIndex) {
        long key = referenceIndex.getMostSignificantBits();
        if (key == 0) {
            boolean seen = zeroSeen;
            zeroSeen = true;
            return seen;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (slots[i] == key) {
                return true;
            }
            if (slots[i] == 0) {
                slots[i] = key;
                size++;
                return false;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int mask = slots.length - 1;
        for (long key : old) {
            if (key != 0) {
                int i = mix(key) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = key;
            }
        }
    }

    private static int mix(long key) {
        // The key is already an HMAC output; folding its halves is enough spread.
        return (int) (key ^ (key >>> 32));
    }
}
