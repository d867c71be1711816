package org.breachline.incident;

import org.breachline.auth.Actor;
import org.jdbi.v3.core.Handle;

/**
 * The seam through which other features react to an incident's changes, inside the same transaction as the
 * change: obligations are recomputed from new facts, for example. An exception thrown here rolls the change back.
 */
public interface IncidentListener {
    /** Called after an incident was created or its facts or stage changed; {@code before} is null on creation. */
    void incidentChanged(Handle transaction, Incident before, Incident after, Actor actor);
}
