package org.breachline.hooks;

/**
 * A source's two limits on volume, each per second with a burst: over its rate a delivery is queued for the worker
 * (still 202); over its ceiling it is refused 429. A source whose sender does not send a refused delivery again has
 * no ceiling unless config.yml gives it one of its own: a 429 would cost that alert.
 */
record VolumeLimits(int ratePerSecond, int rateBurst, Integer maxPerSecond, Integer maxBurst) {

    static VolumeLimits of(HooksSettings section, HooksSettings.Source own, PayloadFormat format) {
        Integer ownMax = own == null ? null : own.getMaxPerSecond();
        boolean capped = ownMax != null || format.senderRetriesTooManyRequests();
        return new VolumeLimits(
                or(own == null ? null : own.getRatePerSecond(), section.getRatePerSecond()),
                or(own == null ? null : own.getRateBurst(), section.getRateBurst()),
                capped ? or(ownMax, section.getMaxPerSecond()) : null,
                capped ? or(own == null ? null : own.getMaxBurst(), section.getMaxBurst()) : null);
    }

    boolean hasCeiling() {
        return maxPerSecond != null;
    }

    private static int or(Integer own, int section) {
        return own != null ? own : section;
    }
}
