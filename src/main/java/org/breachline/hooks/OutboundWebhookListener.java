package org.breachline.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.breachline.auth.Actor;
import org.breachline.incident.Incident;
import org.breachline.incident.IncidentListener;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Queues an outbound notification when an incident opens or changes stage, in the incident's own transaction: the
 * message exists exactly when the change does. {@link OutboundDispatcher} sends it.
 */
public final class OutboundWebhookListener implements IncidentListener {
    private final Clock clock;
    private final ObjectMapper mapper;

    public OutboundWebhookListener(Clock clock, ObjectMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public void incidentChanged(Handle transaction, Incident before, Incident after, Actor actor) {
        String type;
        if (before == null) {
            type = "incident.opened";
        } else if (before.stage() != after.stage()) {
            type = "incident.stage_changed";
        } else {
            return;
        }
        String messageId = "msg_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", after.id().toString());
        incident.put("key", after.key());
        incident.put("title", after.facts().title());
        incident.put("severity", after.facts().severity());
        incident.put("stage", after.stage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("id", messageId);
        body.put("timestamp", after.updatedAt().toString());
        body.put("actor", actor.name());
        body.put("incident", incident);
        if (before != null) {
            body.put("previousStage", before.stage());
        }
        transaction.attach(OutboxDao.class).enqueue(messageId, type, json(body),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private String json(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
