package org.breachline.obligation;

import org.breachline.incident.Incident;

/**
 * Where a deadline reminder goes besides the incident's timeline. The notification channels (email, SMS) implement
 * this once they exist; until then the log carries it.
 */
public interface ReminderChannel {
    void remind(Incident incident, ObligationView obligation, String kind, String text);
}
