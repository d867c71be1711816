package org.breachline.incident;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Timeline appends made inside other features' transactions. Kept apart from {@link IncidentDao} because JDBI builds
 * a handler for every method of an interface on each {@code attach}: a one-method interface is cheap to attach on a
 * hot path (the hook worker appends thousands of entries a second).
 */
interface TimelineDao {
    @SqlBatch("INSERT INTO incident_timeline (incident_id, at, actor, kind, text, data) "
            + "VALUES (:incidentId, :at, :actor, :kind, :text, :data)")
    void appendAll(@Bind("incidentId") List<UUID> incidentIds, @Bind("at") Instant at,
                   @Bind("actor") List<String> actors, @Bind("kind") List<String> kinds,
                   @Bind("text") List<String> texts, @Bind("data") List<String> data);
}
