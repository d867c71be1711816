package org.breachline.obligation;

import org.breachline.incident.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The reminder channel until email and SMS exist: a log line per reminder (no personal data in it). */
public class LoggedReminders implements ReminderChannel {
    private static final Logger LOG = LoggerFactory.getLogger(LoggedReminders.class);

    @Override
    public void remind(Incident incident, ObligationView obligation, String kind, String text) {
        LOG.info("{} {}: {}", incident.key(), kind, text);
    }
}
