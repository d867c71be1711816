package org.breachline.incident;

import org.breachline.db.Dialect;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Timeline appends made inside other features' transactions. Kept apart from {@link IncidentDao} because JDBI builds
 * a handler for every method of an interface on each {@code attach}: a small interface is cheap to attach on a hot
 * path (the hook worker appends thousands of entries a second).
 */
interface TimelineDao extends SqlObject {
    /** Appends the entries in the order given (their ids increase in that order), all at the same time. */
    default void appendAll(UUID[] incidentIds, Instant at, String[] actors, String[] kinds, String[] texts,
                           String[] data) {
        if (Dialect.of(getHandle()) == Dialect.POSTGRESQL) {
            appendInOneStatement(incidentIds, at, actors, kinds, texts, data);
        } else {
            appendBatch(Arrays.asList(incidentIds), at, Arrays.asList(actors), Arrays.asList(kinds),
                    Arrays.asList(texts), Arrays.asList(data));
        }
    }

    @SqlBatch("INSERT INTO incident_timeline (incident_id, at, actor, kind, text, data) "
            + "VALUES (:incidentId, :at, :actor, :kind, :text, :data)")
    void appendBatch(@Bind("incidentId") List<UUID> incidentIds, @Bind("at") Instant at,
                     @Bind("actor") List<String> actors, @Bind("kind") List<String> kinds,
                     @Bind("text") List<String> texts, @Bind("data") List<String> data);

    // PostgreSQL: the entries go as arrays into one statement, one executor run for all of them, where a JDBC batch
    // executes the insert once per entry.
    @SqlUpdate("INSERT INTO incident_timeline (incident_id, at, actor, kind, text, data) "
            + "SELECT u.incident_id, :at, u.actor, u.kind, u.text, u.data "
            + "FROM unnest(:incidentIds, :actors, :kinds, :texts, :data) WITH ORDINALITY "
            + "AS u(incident_id, actor, kind, text, data, ord) ORDER BY u.ord")
    void appendInOneStatement(@Bind("incidentIds") UUID[] incidentIds, @Bind("at") Instant at,
                              @Bind("actors") String[] actors, @Bind("kinds") String[] kinds,
                              @Bind("texts") String[] texts, @Bind("data") String[] data);
}
