package org.breachline.hooks;

import org.breachline.auth.Actor;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentListener;
import org.breachline.incident.Stage;
import org.jdbi.v3.core.Handle;

/**
 * Keeps {@code hook_closed_incident} in step with incidents closing and reopening, in the same transaction, so that
 * applying an alert can tell an open incident from a closed one without reading the incident.
 */
final class ClosedIncidents implements IncidentListener {

    @Override
    public void incidentChanged(Handle transaction, Incident before, Incident after, Actor actor) {
        if (before == null || before.stage() == after.stage()) {
            return;
        }
        if (after.stage() == Stage.CLOSED) {
            transaction.attach(HookDao.class).markClosed(after.id());
        } else if (before.stage() == Stage.CLOSED) {
            transaction.attach(HookDao.class).markReopened(after.id());
        }
    }
}
