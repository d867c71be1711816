package org.breachline.notify;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The send rate each channel actually achieves, for the capacity planner. The dispatcher reports every batch: units
 * sent (messages, or SMS segments) and the time the batch kept it busy, from its claim to its last recorded outcome
 * (database work included, idle time between batches excluded). Per channel, the rate over the last minute or so
 * of busy time is written to {@code channel_rate} (at most every few seconds), so that it survives restarts and every
 * instance plans with it. With several instances each writes its own rate, so the stored one is one instance's
 * (a conservative estimate when they share a campaign).
 */
public final class MeasuredRates {
    /** How much busy time the moving window covers. */
    static final Duration WINDOW = Duration.ofSeconds(60);
    /** Fewer units than this say too little about a channel to plan with. */
    static final long MIN_UNITS = 20;
    /** Stored at most this often per channel. */
    static final Duration STORE_EVERY = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Map<Channel, Window> windows = new EnumMap<>(Channel.class);

    public MeasuredRates(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Adds one batch's sending; a batch that took no measurable time (a stopped test clock) is ignored. */
    void record(Channel channel, long unitsSent, Duration busy, String worker) {
        if (busy.isNegative() || busy.isZero()) {
            return;
        }
        Instant now = clock.instant();
        long units;
        long busyMillis;
        double rate;
        synchronized (windows) {
            Window w = windows.computeIfAbsent(channel, c -> new Window());
            w.add(unitsSent, busy);
            if (w.units < MIN_UNITS || (w.storedAt != null && Duration.between(w.storedAt, now).compareTo(STORE_EVERY) < 0)) {
                return;
            }
            w.storedAt = now;
            units = w.units;
            busyMillis = w.busyNanos / 1_000_000;
            rate = w.units / (w.busyNanos / 1e9);
        }
        jdbi.useTransaction(h -> {
            DeliveryDao dao = h.attach(DeliveryDao.class);
            if (dao.updateRate(channel.name(), rate, units, busyMillis, worker, now) == 0) {
                dao.insertRate(channel.name(), rate, units, busyMillis, worker, now);
            }
        });
    }

    /** The channel's last stored measurement, if it has sent enough to have one. */
    public Optional<MeasuredRate> latest(Channel channel) {
        return jdbi.withExtension(DeliveryDao.class, dao -> dao.measuredRate(channel.name()));
    }

    /** Recent batches of one channel, dropped from the oldest once the rest still cover {@link #WINDOW}. */
    private static final class Window {
        private final Deque<long[]> batches = new ArrayDeque<>();
        private long units;
        private long busyNanos;
        private Instant storedAt;

        void add(long batchUnits, Duration busy) {
            long nanos = busy.toNanos();
            batches.addLast(new long[] {batchUnits, nanos});
            units += batchUnits;
            busyNanos += nanos;
            while (batches.size() > 1 && busyNanos - batches.peekFirst()[1] >= WINDOW.toNanos()) {
                long[] oldest = batches.removeFirst();
                units -= oldest[0];
                busyNanos -= oldest[1];
            }
        }
    }
}
