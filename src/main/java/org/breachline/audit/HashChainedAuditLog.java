package org.breachline.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.breachline.http.Page;
import org.breachline.http.PageRequest;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit log as a hash chain: each entry's hash covers its own fields and the previous entry's hash, so that
 * changing, removing or reordering any stored entry breaks every later link and {@link #verify()} finds it.
 */
public class HashChainedAuditLog implements AuditLog {
    static final String GENESIS = "0".repeat(64);
    private static final int VERIFY_BATCH = 1000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ObjectMapper canonical;

    public HashChainedAuditLog(Jdbi jdbi, Clock clock, ObjectMapper mapper) {
        this.jdbi = jdbi;
        this.clock = clock;
        // Sorted keys make the stored details, and so the hash, independent of map iteration order.
        this.canonical = mapper.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    @Override
    public void record(Handle transaction, AuditEvent event) {
        AuditDao dao = transaction.attach(AuditDao.class);
        AuditDao.Head head = dao.lockHead().orElseThrow(() -> new IllegalStateException("audit_head row missing"));
        // Both databases keep microseconds; truncating first keeps the hashed time equal to the stored one.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long seq = head.seq() + 1;
        String details = json(event);
        AuditRecord unsigned = new AuditRecord(seq, at, event.actor(), event.action(), event.recordType(),
                event.recordId(), details, head.hash(), null);
        AuditRecord signed = new AuditRecord(seq, at, event.actor(), event.action(), event.recordType(),
                event.recordId(), details, head.hash(), hashOf(unsigned));
        dao.insert(signed);
        dao.moveHead(seq, signed.hash());
    }

    public Page<AuditRecord> list(AuditFilter filter, PageRequest page) {
        return jdbi.withExtension(AuditDao.class, dao -> new Page<>(dao.list(filter, page.limit(), page.offset()),
                dao.count(filter), page.limit(), page.offset()));
    }

    /** The outcome of walking the whole chain. */
    public record Verification(boolean intact, long checked, Long brokenAtSeq, String problem) {
    }

    public Verification verify() {
        return jdbi.withExtension(AuditDao.class, dao -> {
            String prev = GENESIS;
            long expectedSeq = 1;
            long checked = 0;
            List<AuditRecord> batch;
            long after = 0;
            do {
                batch = dao.chainAfter(after, VERIFY_BATCH);
                for (AuditRecord r : batch) {
                    if (r.seq() != expectedSeq) {
                        return new Verification(false, checked, expectedSeq, "entry " + expectedSeq + " is missing");
                    }
                    if (!r.prevHash().equals(prev)) {
                        return new Verification(false, checked, r.seq(), "entry " + r.seq()
                                + " does not link to the entry before it");
                    }
                    if (!hashOf(r).equals(r.hash())) {
                        return new Verification(false, checked, r.seq(), "entry " + r.seq()
                                + " was changed after it was written");
                    }
                    prev = r.hash();
                    expectedSeq++;
                    checked++;
                    after = r.seq();
                }
            } while (batch.size() == VERIFY_BATCH);
            AuditDao.Head head = dao.head().orElseThrow();
            if (head.seq() != checked || !head.hash().equals(prev)) {
                return new Verification(false, checked, head.seq(), "the chain ends at entry " + checked
                        + " but its head says " + head.seq() + ": entries were removed from the end");
            }
            return new Verification(true, checked, null, null);
        });
    }

    static String hashOf(AuditRecord r) {
        String material = String.join("\u001f", Long.toString(r.seq()), r.at().truncatedTo(ChronoUnit.MICROS).toString(),
                r.actor(), r.action(), r.recordType(), String.valueOf(r.recordId()), r.details(), r.prevHash());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String json(AuditEvent event) {
        try {
            return canonical.writeValueAsString(event.details());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serialisable", e);
        }
    }
}
