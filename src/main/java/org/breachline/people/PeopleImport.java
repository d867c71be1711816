package org.breachline.people;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One import run inside the caller's transaction: takes row outcomes as they are read, merges rows of one reference,
 * and writes people and rejections in batches. Merging is field by field: a value given replaces the stored one, a
 * value left out keeps it; a row that changes nothing writes nothing, so importing the same file twice is a no-op.
 */
final class PeopleImport {
    private final PeopleDao dao;
    private final NewPeopleWriter newPeople;
    private final ContactSealer sealer;
    private final UUID importId;
    private final UUID incidentId;
    private final String incidentKey;
    private final Instant now;
    private final int batchSize;
    private final int rejectionsKept;
    private final boolean incidentHadPeople;

    private final SeenReferences seen = new SeenReferences();
    private final Map<UUID, AffectedPersonRow> pending = new LinkedHashMap<>();
    /** The references of {@link #pending} that may already be stored and so must be looked up before writing. */
    private final Set<UUID> mayBeStored = new HashSet<>();
    private final List<Rejection> firstRejections = new ArrayList<>();
    private final List<Long> rejectionLines = new ArrayList<>();
    private final List<Integer> rejectionSeqs = new ArrayList<>();
    private final List<String> rejectionFields = new ArrayList<>();
    private final List<String> rejectionReasons = new ArrayList<>();
    private long accepted;
    private long rejected;
    private long inserted;
    private long updated;
    private long unchanged;
    private long duplicates;
    private long problems;

    PeopleImport(PeopleDao dao, NewPeopleWriter newPeople, ContactSealer sealer, UUID importId, UUID incidentId,
                 String incidentKey, Instant now, int batchSize, int rejectionsKept) {
        this.dao = dao;
        this.newPeople = newPeople;
        this.sealer = sealer;
        this.importId = importId;
        this.incidentId = incidentId;
        this.incidentKey = incidentKey;
        this.now = now;
        this.batchSize = batchSize;
        this.rejectionsKept = rejectionsKept;
        // The first import into an incident, the common case at breach scale, then needs no lookups at all.
        this.incidentHadPeople = dao.anyPerson(incidentId) > 0;
    }

    void accept(RowOutcome outcome) {
        if (outcome instanceof RowOutcome.Accepted a) {
            acceptRow(a.person());
        } else if (outcome instanceof RowOutcome.Rejected r) {
            reject(r);
        }
    }

    private void acceptRow(AffectedPersonRow row) {
        accepted++;
        UUID index = sealer.referenceIndex(incidentKey, row.reference());
        boolean seenBefore = seen.addAndCheck(index);
        if (seenBefore) {
            duplicates++;
        }
        if (incidentHadPeople || seenBefore) {
            mayBeStored.add(index);
        }
        pending.merge(index, row, PeopleImport::mergeRows);
        if (pending.size() >= batchSize) {
            flushPeople();
        }
    }

    private void reject(RowOutcome.Rejected r) {
        rejected++;
        int seq = 0;
        for (RowProblem p : r.problems()) {
            problems++;
            if (firstRejections.size() < rejectionsKept) {
                firstRejections.add(new Rejection(r.line(), p.field(), p.reason()));
            }
            rejectionLines.add(r.line());
            rejectionSeqs.add(seq++);
            rejectionFields.add(p.field());
            rejectionReasons.add(p.reason().length() > 500 ? p.reason().substring(0, 500) : p.reason());
        }
        if (rejectionLines.size() >= batchSize) {
            flushRejections();
        }
    }

    /** Abandons a half-written import so that its transaction can roll back; call when reading fails. */
    void cancel() {
        newPeople.cancel();
    }

    /** Writes what is still buffered; call once after the last row. */
    void finish() {
        flushPeople();
        newPeople.flush();
        flushRejections();
    }

    private void flushRejections() {
        if (!rejectionLines.isEmpty()) {
            newPeople.flush();
            dao.insertRejections(importId, rejectionLines, rejectionSeqs, rejectionFields, rejectionReasons);
            rejectionLines.clear();
            rejectionSeqs.clear();
            rejectionFields.clear();
            rejectionReasons.clear();
        }
    }

    private void flushPeople() {
        if (pending.isEmpty()) {
            return;
        }
        if (!mayBeStored.isEmpty()) {
            newPeople.flush();
        }
        Map<UUID, StoredPerson> stored = mayBeStored.isEmpty() ? Map.of()
                : dao.findByReferences(incidentId, mayBeStored.toArray(UUID[]::new)).stream()
                        .collect(Collectors.toMap(StoredPerson::referenceIndex, Function.identity()));
        List<StoredPerson> inserts = new ArrayList<>();
        List<StoredPerson> updates = new ArrayList<>();
        pending.forEach((index, row) -> {
            StoredPerson existing = stored.get(index);
            if (existing == null) {
                inserts.add(newPerson(index, row));
                inserted++;
                return;
            }
            StoredPerson merged = merge(existing, row);
            boolean firstTimeThisImport = !importId.equals(existing.lastImportId());
            if (merged != existing) {
                updates.add(merged);
                if (firstTimeThisImport) {
                    updated++;
                }
            } else if (firstTimeThisImport) {
                unchanged++;
            }
        });
        if (!inserts.isEmpty()) {
            newPeople.write(inserts);
        }
        if (!updates.isEmpty()) {
            newPeople.flush();
            dao.update(updates);
        }
        pending.clear();
        mayBeStored.clear();
    }

    private StoredPerson newPerson(UUID index, AffectedPersonRow row) {
        return new StoredPerson(null, incidentId, index, sealer.seal(row.reference(), ContactSealer.REFERENCE),
                sealer.seal(row.name(), ContactSealer.NAME), sealer.seal(row.email(), ContactSealer.EMAIL),
                sealer.seal(row.phone(), ContactSealer.PHONE), row.locale(), row.jurisdiction(), importId, now, now,
                null);
    }

    /**
     * The stored person with the row's given fields applied, or {@code existing} itself when nothing differs. Only
     * fields the row gives are opened for comparison; an email differing only in case is the same address.
     */
    private StoredPerson merge(StoredPerson existing, AffectedPersonRow row) {
        boolean nameChanges = row.name() != null
                && !row.name().equals(sealer.open(existing.nameSealed(), ContactSealer.NAME));
        boolean emailChanges = row.email() != null
                && !row.email().equalsIgnoreCase(sealer.open(existing.emailSealed(), ContactSealer.EMAIL));
        boolean phoneChanges = row.phone() != null
                && !row.phone().equals(sealer.open(existing.phoneSealed(), ContactSealer.PHONE));
        boolean localeChanges = row.locale() != null && !row.locale().equals(existing.locale());
        boolean jurisdictionChanges = row.jurisdiction() != null && !row.jurisdiction().equals(existing.jurisdiction());
        if (!(nameChanges || emailChanges || phoneChanges || localeChanges || jurisdictionChanges)) {
            return existing;
        }
        boolean contactGiven = nameChanges || emailChanges || phoneChanges;
        return new StoredPerson(existing.id(), existing.incidentId(), existing.referenceIndex(),
                existing.referenceSealed(),
                nameChanges ? sealer.seal(row.name(), ContactSealer.NAME) : existing.nameSealed(),
                emailChanges ? sealer.seal(row.email(), ContactSealer.EMAIL) : existing.emailSealed(),
                phoneChanges ? sealer.seal(row.phone(), ContactSealer.PHONE) : existing.phoneSealed(),
                localeChanges ? row.locale() : existing.locale(),
                jurisdictionChanges ? row.jurisdiction() : existing.jurisdiction(),
                importId, existing.createdAt(), now,
                // New contact data after a purge (a reopened incident) makes the person contactable again.
                contactGiven ? null : existing.contactPurgedAt());
    }

    /** Two rows of one reference in one batch: the later row's given fields win. */
    private static AffectedPersonRow mergeRows(AffectedPersonRow earlier, AffectedPersonRow later) {
        return new AffectedPersonRow(later.reference(), or(later.name(), earlier.name()),
                or(later.email(), earlier.email()), or(later.phone(), earlier.phone()),
                or(later.locale(), earlier.locale()), or(later.jurisdiction(), earlier.jurisdiction()));
    }

    private static String or(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }

    ImportRecord record(String format, String actor) {
        return new ImportRecord(importId, incidentId, format, actor, now, accepted, rejected, inserted, updated,
                unchanged, duplicates);
    }

    List<Rejection> firstRejections() {
        return firstRejections;
    }

    boolean hasMoreRejections() {
        return problems > firstRejections.size();
    }
}
