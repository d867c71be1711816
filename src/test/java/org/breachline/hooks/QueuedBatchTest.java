package org.breachline.hooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QueuedBatchTest {
    static final Instant AT = Instant.parse("2026-03-06T10:00:00Z");
    static final AlertSource EDR = source("edr");
    static final AlertSource OTHER = source("other");
    static final Map<String, AlertSource> SOURCES = Map.of("edr", EDR, "other", OTHER);

    static AlertSource source(String name) {
        return new AlertSource(new AlertSourceName(name), PayloadFormat.GENERIC,
                SourceAuthentication.of(AuthScheme.BEARER, SecretHash.of("secret-of-" + name).stored()), Severity.HIGH,
                Duration.ofHours(1), AlertSource.Origin.CONFIG, null, "config.yml", null, null);
    }

    static QueuedDelivery queued(long id, String source, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new QueuedDelivery(id, 1, source, AT.plusSeconds(id), bytes, HookService.sha256(bytes));
    }

    static QueuedBatch plan(QueuedDelivery... claimed) {
        return QueuedBatch.plan(List.of(claimed), name -> Optional.ofNullable(SOURCES.get(name)));
    }

    @Test
    void identicalDeliveriesOfOneSourceFoldIntoTheFirstInOrder() {
        String a = HookTestSupport.generic("A", "fp-a");
        String b = HookTestSupport.generic("B", "fp-a");
        QueuedBatch batch = plan(queued(1, "edr", a), queued(2, "edr", b), queued(3, "edr", a), queued(4, "edr", a));
        assertThat(batch.apply()).extracting(AlertIntake.Delivery::deliveryId).containsExactly(1L, 2L);
        assertThat(batch.apply().get(0).coalesced()).containsExactly(3L, 4L);
        assertThat(batch.apply().get(1).coalesced()).isEmpty();
        assertThat(batch.apply().get(0).receivedAt()).isEqualTo(AT.plusSeconds(1));
        assertThat(batch.deadLetters()).isEmpty();
    }

    @Test
    void theSamePayloadFromAnotherSourceIsItsOwnDelivery() {
        String a = HookTestSupport.generic("A", "fp-a");
        QueuedBatch batch = plan(queued(1, "edr", a), queued(2, "other", a));
        assertThat(batch.apply()).extracting(d -> d.source().name().value()).containsExactly("edr", "other");
        assertThat(batch.apply()).allSatisfy(d -> assertThat(d.coalesced()).isEmpty());
    }

    @Test
    void anUnreadableOrOrphanedDeliveryBecomesADeadLetterWithoutStoppingTheOthers() {
        QueuedBatch batch = plan(queued(1, "edr", "{\"title\": 3}"), queued(2, "gone", "{}"),
                queued(3, "edr", HookTestSupport.generic("C", "fp-c")));
        assertThat(batch.apply()).extracting(AlertIntake.Delivery::deliveryId).containsExactly(3L);
        assertThat(batch.deadLetters()).extracting(QueuedBatch.DeadLetter::deliveryId, QueuedBatch.DeadLetter::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "hook.payload_malformed"),
                        org.assertj.core.groups.Tuple.tuple(2L, "hook.source_unknown"));
    }
}
