package org.breachline.hooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the worker does with a batch of claimed deliveries, decided before it touches an incident: which to apply (in
 * order), which identical ones fold into them, and which become dead letters.
 *
 * @param apply     one per distinct payload of a source, in the order of its first delivery, with the ids of the
 *                  identical deliveries folded into it
 * @param deadLetters deliveries that cannot be applied, with why
 */
record QueuedBatch(List<AlertIntake.Delivery> apply, List<DeadLetter> deadLetters) {

    /** A claimed delivery that cannot be applied. */
    record DeadLetter(long deliveryId, String code, String message) {
    }

    /**
     * Plans the batch. Identical deliveries (same source, same SHA-256 of the payload bytes) are the repeats a sender
     * makes of one notification: they are applied once, and the timeline entry names them all.
     *
     * @param sources the source of a name, active or revoked; empty once it no longer exists
     */
    static QueuedBatch plan(List<QueuedDelivery> claimed, Function<String, Optional<AlertSource>> sources) {
        Map<String, Optional<AlertSource>> byName = new HashMap<>();
        Map<List<String>, AlertIntake.Delivery> firstOfPayload = new LinkedHashMap<>();
        Map<Long, List<Long>> folded = new HashMap<>();
        List<DeadLetter> dead = new ArrayList<>();
        for (QueuedDelivery q : claimed) {
            Optional<AlertSource> source = byName.computeIfAbsent(q.source(), sources);
            List<String> payloadKey = List.of(q.source(), q.payloadSha256());
            AlertIntake.Delivery first = firstOfPayload.get(payloadKey);
            if (source.isEmpty()) {
                dead.add(new DeadLetter(q.id(), "hook.source_unknown", "The alert source no longer exists."));
            } else if (first != null) {
                folded.get(first.deliveryId()).add(q.id());
            } else {
                AlertSource s = source.get();
                try {
                    List<Alert> alerts = s.format().parser().parse(q.source(), q.payload(), s.defaultSeverity());
                    firstOfPayload.put(payloadKey, new AlertIntake.Delivery(s, q.id(), q.receivedAt(), alerts,
                            List.of()));
                    folded.put(q.id(), new ArrayList<>());
                } catch (MalformedAlertException e) {
                    // Only if the source's format changed since the request read it: kept for an admin to replay.
                    dead.add(new DeadLetter(q.id(), e.code(), HookService.cut(e.getMessage())));
                }
            }
        }
        List<AlertIntake.Delivery> apply = new ArrayList<>(firstOfPayload.size());
        for (AlertIntake.Delivery d : firstOfPayload.values()) {
            apply.add(new AlertIntake.Delivery(d.source(), d.deliveryId(), d.receivedAt(), d.alerts(),
                    folded.get(d.deliveryId())));
        }
        return new QueuedBatch(List.copyOf(apply), List.copyOf(dead));
    }
}
