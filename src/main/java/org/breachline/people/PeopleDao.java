package org.breachline.people;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

@RegisterConstructorMapper(StoredPerson.class)
@RegisterConstructorMapper(ImportRecord.class)
@RegisterConstructorMapper(Rejection.class)
@RegisterConstructorMapper(JurisdictionCount.class)
interface PeopleDao {
    String PERSON = "id, incident_id, reference_index, reference_sealed, name_sealed, email_sealed, phone_sealed, "
            + "locale, jurisdiction, last_import_id, created_at, updated_at, contact_purged_at";

    @SqlBatch("INSERT INTO affected_person (incident_id, reference_index, reference_sealed, name_sealed, "
            + "email_sealed, phone_sealed, locale, jurisdiction, last_import_id, created_at, updated_at) "
            + "VALUES (:incidentId, :referenceIndex, :referenceSealed, :nameSealed, :emailSealed, :phoneSealed, "
            + ":locale, :jurisdiction, :lastImportId, :createdAt, :updatedAt)")
    void insert(@BindMethods Collection<StoredPerson> people);

    @SqlBatch("UPDATE affected_person SET name_sealed = :nameSealed, email_sealed = :emailSealed, "
            + "phone_sealed = :phoneSealed, locale = :locale, jurisdiction = :jurisdiction, "
            + "last_import_id = :lastImportId, updated_at = :updatedAt, contact_purged_at = :contactPurgedAt "
            + "WHERE id = :id")
    void update(@BindMethods Collection<StoredPerson> people);

    // One array parameter rather than an IN list: PostgreSQL plans "= ANY" over a few thousand values as index probes,
    // where an IN list of bound parameters took 150 ms per 500 values.
    @SqlQuery("SELECT " + PERSON + " FROM affected_person WHERE incident_id = :incident "
            + "AND reference_index = ANY(:references)")
    List<StoredPerson> findByReferences(@Bind("incident") UUID incident,
                                        @Bind("references") UUID[] referenceIndexes);

    @SqlQuery("SELECT COUNT(*) FROM (SELECT 1 FROM affected_person WHERE incident_id = :incident LIMIT 1) AS any_person")
    int anyPerson(@Bind("incident") UUID incident);

    @SqlQuery("SELECT jurisdiction, COUNT(*) AS people FROM affected_person WHERE incident_id = :incident "
            + "GROUP BY jurisdiction ORDER BY jurisdiction")
    List<JurisdictionCount> countByJurisdiction(@Bind("incident") UUID incident);

    // :jurisdiction null means everyone, unless :withoutJurisdiction asks for the people whose file gave none.
    String OF_JURISDICTION = "AND (CAST(:jurisdiction AS VARCHAR(10)) IS NULL OR jurisdiction = :jurisdiction) "
            + "AND (:withoutJurisdiction = FALSE OR jurisdiction IS NULL) ";

    @SqlQuery("SELECT " + PERSON + " FROM affected_person WHERE incident_id = :incident " + OF_JURISDICTION
            + "ORDER BY id LIMIT :limit OFFSET :offset")
    List<StoredPerson> page(@Bind("incident") UUID incident, @Bind("jurisdiction") String jurisdiction,
                            @Bind("withoutJurisdiction") boolean withoutJurisdiction,
                            @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT COUNT(*) FROM affected_person WHERE incident_id = :incident " + OF_JURISDICTION)
    long count(@Bind("incident") UUID incident, @Bind("jurisdiction") String jurisdiction,
               @Bind("withoutJurisdiction") boolean withoutJurisdiction);

    @SqlQuery("SELECT " + PERSON + " FROM affected_person WHERE id = :id AND incident_id = :incident")
    Optional<StoredPerson> find(@Bind("incident") UUID incident, @Bind("id") long id);

    @SqlQuery("SELECT " + PERSON + " FROM affected_person WHERE id IN (<ids>)")
    List<StoredPerson> findByIds(@BindList("ids") Collection<Long> ids);

    @SqlUpdate("INSERT INTO people_import (id, incident_id, format, imported_by, imported_at, accepted, rejected, "
            + "inserted, updated, unchanged, duplicates_merged) VALUES (:id, :incidentId, :format, :importedBy, "
            + ":importedAt, :accepted, :rejected, :inserted, :updated, :unchanged, :duplicatesMerged)")
    void insertImport(@BindMethods ImportRecord record);

    @SqlUpdate("UPDATE people_import SET accepted = :accepted, rejected = :rejected, inserted = :inserted, "
            + "updated = :updated, unchanged = :unchanged, duplicates_merged = :duplicatesMerged WHERE id = :id")
    void finishImport(@BindMethods ImportRecord record);

    @SqlQuery("SELECT id, incident_id, format, imported_by, imported_at, accepted, rejected, inserted, updated, "
            + "unchanged, duplicates_merged FROM people_import WHERE id = :id AND incident_id = :incident")
    Optional<ImportRecord> findImport(@Bind("incident") UUID incident, @Bind("id") UUID id);

    @SqlBatch("INSERT INTO people_import_rejection (import_id, line, seq, field, reason) "
            + "VALUES (:importId, :line, :seq, :field, :reason)")
    void insertRejections(@Bind("importId") UUID importId, @Bind("line") List<Long> lines,
                          @Bind("seq") List<Integer> seqs, @Bind("field") List<String> fields,
                          @Bind("reason") List<String> reasons);

    /** Streams in file order; the caller closes the stream (and with it the cursor). */
    @SqlQuery("SELECT line, field, reason FROM people_import_rejection WHERE import_id = :importId ORDER BY line, seq")
    Stream<Rejection> rejections(@Bind("importId") UUID importId);

    @SqlQuery("SELECT DISTINCT incident_id FROM affected_person WHERE contact_purged_at IS NULL")
    List<UUID> incidentsWithContactData();

    @SqlUpdate("UPDATE affected_person SET name_sealed = NULL, email_sealed = NULL, phone_sealed = NULL, "
            + "contact_purged_at = :at, updated_at = :at "
            + "WHERE incident_id = :incident AND contact_purged_at IS NULL")
    int purgeContactData(@Bind("incident") UUID incident, @Bind("at") Instant at);
}
