package org.breachline.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupPolicyTest {

    private static final Instant OPENED = Instant.parse("2026-03-06T08:41:30Z");
    private static final Duration WINDOW = Duration.ofHours(24);

    private final DedupPolicy policy = new DedupPolicy();

    private static Alert alert(AlertStatus status) {
        return new Alert("prometheus", "7379ae27c82c44da", "Outbound transfer far above baseline", null,
                Severity.CRITICAL, status, Map.of(), null, OPENED.minusSeconds(30), null,
                new RawPayload(Samples.utf8("{}")));
    }

    private static LatestIncident.Found open(Instant lastAlertAt) {
        return new LatestIncident.Found("INC-2026-0042", true, OPENED, lastAlertAt);
    }

    private static LatestIncident.Found closed() {
        return new LatestIncident.Found("INC-2026-0042", false, OPENED, OPENED.plus(Duration.ofHours(1)));
    }

    @Test
    void opensAnIncidentForTheFirstFiringAlertOfAFingerprint() {
        assertThat(policy.decide(alert(AlertStatus.FIRING), OPENED, WINDOW, new LatestIncident.None()))
                .isEqualTo(new DedupDecision.OpenNewIncident(DedupDecision.Because.FIRST_ALERT_OF_FINGERPRINT));
    }

    @Test
    void appendsARepeatWithinTheWindowToTheOpenIncident() {
        Instant received = OPENED.plus(Duration.ofHours(4));

        assertThat(policy.decide(alert(AlertStatus.FIRING), received, WINDOW, open(OPENED)))
                .isEqualTo(new DedupDecision.AppendToIncident("INC-2026-0042",
                        DedupDecision.Because.REPEATS_WITHIN_WINDOW));
    }

    @Test
    void appendsARepeatExactlyAtTheEndOfTheWindow() {
        assertThat(policy.decide(alert(AlertStatus.FIRING), OPENED.plus(WINDOW), WINDOW, open(OPENED)))
                .isInstanceOf(DedupDecision.AppendToIncident.class);
    }

    @Test
    void measuresTheWindowFromTheLastAlertSoThatAnAlertThatKeepsFiringStaysOnOneIncident() {
        Instant threeDaysLater = OPENED.plus(Duration.ofDays(3));
        LatestIncident repeatedYesterday = open(threeDaysLater.minus(Duration.ofHours(20)));

        assertThat(policy.decide(alert(AlertStatus.FIRING), threeDaysLater, WINDOW, repeatedYesterday))
                .isInstanceOf(DedupDecision.AppendToIncident.class);
    }

    @Test
    void opensANewIncidentWhenTheAlertWasQuietLongerThanTheWindow() {
        Instant received = OPENED.plus(WINDOW).plusSeconds(1);

        assertThat(policy.decide(alert(AlertStatus.FIRING), received, WINDOW, open(OPENED)))
                .isEqualTo(new DedupDecision.OpenNewIncident(DedupDecision.Because.QUIET_LONGER_THAN_WINDOW));
    }

    @Test
    void opensANewIncidentRatherThanFoldAFiringAlertIntoAClosedOne() {
        Instant received = OPENED.plus(Duration.ofHours(2));

        assertThat(policy.decide(alert(AlertStatus.FIRING), received, WINDOW, closed()))
                .isEqualTo(new DedupDecision.OpenNewIncident(DedupDecision.Because.LATEST_INCIDENT_CLOSED));
    }

    @Test
    void appendsAResolutionToTheOpenIncidentWhateverTheWindow() {
        Instant muchLater = OPENED.plus(Duration.ofDays(30));

        assertThat(policy.decide(alert(AlertStatus.RESOLVED), muchLater, WINDOW, open(OPENED)))
                .isEqualTo(new DedupDecision.AppendToIncident("INC-2026-0042",
                        DedupDecision.Because.RESOLVES_OPEN_INCIDENT));
    }

    @Test
    void onlyRecordsAResolutionWithoutOpenIncident() {
        DedupDecision recordOnly = new DedupDecision.RecordOnly(
                DedupDecision.Because.RESOLVED_WITHOUT_OPEN_INCIDENT);

        assertThat(policy.decide(alert(AlertStatus.RESOLVED), OPENED, WINDOW, new LatestIncident.None()))
                .isEqualTo(recordOnly);
        assertThat(policy.decide(alert(AlertStatus.RESOLVED), OPENED, WINDOW, closed())).isEqualTo(recordOnly);
    }

    @Test
    void letsTheResolvedSampleResolveTheIncidentTheFiringSampleOpened() {
        AlertParser parser = PayloadFormat.ALERTMANAGER.parser();
        Alert firing = parser.parse("prometheus", Samples.bytes("alertmanager.json"), Severity.LOW).get(0);
        Alert resolved = parser.parse("prometheus", Samples.bytes("alertmanager-resolved.json"), Severity.LOW).get(0);
        Instant firingReceived = Instant.parse("2026-03-06T08:41:31Z");

        DedupDecision first = policy.decide(firing, firingReceived, WINDOW, new LatestIncident.None());
        LatestIncident opened = new LatestIncident.Found("INC-2026-0043", true, firingReceived, firingReceived);
        DedupDecision second = policy.decide(resolved, Instant.parse("2026-03-06T09:32:01Z"), WINDOW, opened);

        assertThat(first).isInstanceOf(DedupDecision.OpenNewIncident.class);
        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint());
        assertThat(second).isEqualTo(new DedupDecision.AppendToIncident("INC-2026-0043",
                DedupDecision.Because.RESOLVES_OPEN_INCIDENT));
    }

    @Test
    void treatsAZeroWindowAsNoDedupForFiringAlerts() {
        assertThat(policy.decide(alert(AlertStatus.FIRING), OPENED.plusSeconds(1), Duration.ZERO, open(OPENED)))
                .isInstanceOf(DedupDecision.OpenNewIncident.class);
    }
}
