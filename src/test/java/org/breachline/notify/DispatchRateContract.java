package org.breachline.notify;

import com.fasterxml.jackson.databind.JsonNode;
import org.breachline.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The send rate the dispatcher measures, as stored and as the capacity planner uses it: nothing measured means the
 * configured rate; a measurement over the last minute of busy time replaces it, capped by the configured limit;
 * too slow a measured rate refuses a launch with advice about the pool.
 */
abstract class DispatchRateContract extends CampaignContractSupport {
    private MeasuredRates rates;

    @BeforeEach
    void freshRates() {
        app().jdbi().useHandle(h -> h.execute("DELETE FROM channel_rate"));
        rates = new MeasuredRates(app().jdbi(), app().clock);
    }

    @Test
    void withNothingMeasuredTheConfiguredRateIsPlannedWith() {
        JsonNode email = emailEstimate(create(incidentWithPeople(), draft("EMAIL_ELSE_SMS", "EMAIL")));

        assertThat(email.path("ratePerSecond").asDouble()).as("test-config.yml").isEqualTo(1000.0);
        assertThat(email.path("rateMeasuredAt").isNull()).isTrue();
    }

    @Test
    void storesTheRateOnceEnoughWasSentAndAtMostEveryFewSeconds() {
        rates.record(Channel.EMAIL, 10, Duration.ofSeconds(1), "w1");
        assertThat(stored()).as("10 messages say too little").isEmpty();

        rates.record(Channel.EMAIL, 30, Duration.ofSeconds(1), "w1");
        assertThat(stored()).hasValueSatisfying(m -> {
            assertThat(m.unitsPerSecond()).isCloseTo(20.0, within(1e-9));
            assertThat(m.units()).isEqualTo(40);
            assertThat(m.busyMillis()).isEqualTo(2000);
            assertThat(m.measuredBy()).isEqualTo("w1");
            assertThat(m.measuredAt()).isEqualTo(app().clock.instant());
        });

        rates.record(Channel.EMAIL, 100, Duration.ofSeconds(1), "w1");
        assertThat(stored().orElseThrow().units()).as("stored again only after a few seconds").isEqualTo(40);
        app().clock.advance(MeasuredRates.STORE_EVERY);
        rates.record(Channel.EMAIL, 0, Duration.ofSeconds(1), "w1");
        assertThat(stored().orElseThrow().unitsPerSecond()).isCloseTo(140.0 / 4, within(1e-9));
    }

    @Test
    void theWindowForgetsBatchesOnceAMinuteOfNewerOnesCoversIt() {
        rates.record(Channel.EMAIL, 600, Duration.ofSeconds(60), "w1");
        assertThat(stored().orElseThrow().unitsPerSecond()).isCloseTo(10.0, within(1e-9));
        for (int i = 0; i < 59; i++) {
            rates.record(Channel.EMAIL, 100, Duration.ofSeconds(1), "w1");
        }
        app().clock.advance(MeasuredRates.STORE_EVERY);
        rates.record(Channel.EMAIL, 100, Duration.ofSeconds(1), "w1");

        assertThat(stored().orElseThrow().unitsPerSecond()).as("the slow 60 s batch dropped out").isCloseTo(100.0,
                within(1e-9));
        assertThat(stored().orElseThrow().busyMillis()).isEqualTo(60_000);
    }

    @Test
    void aBatchThatTookNoTimeIsNotAMeasurement() {
        rates.record(Channel.EMAIL, 500, Duration.ZERO, "w1");
        assertThat(stored()).isEmpty();
    }

    @Test
    void theMeasuredRateReplacesTheConfiguredOneButNeverExceedsIt() {
        String key = incidentWithPeople();
        rates.record(Channel.EMAIL, 50, Duration.ofSeconds(2), "w1");
        JsonNode measured = emailEstimate(create(key, draft("EMAIL_ELSE_SMS", "EMAIL")));
        assertThat(measured.path("ratePerSecond").asDouble()).isCloseTo(25.0, within(1e-9));
        assertThat(Instant.parse(measured.path("rateMeasuredAt").asText())).isEqualTo(app().clock.instant());

        app().clock.advance(MeasuredRates.STORE_EVERY);
        rates.record(Channel.EMAIL, 500_000, Duration.ofSeconds(10), "w1");
        JsonNode capped = emailEstimate(create(key, draft("EMAIL_ELSE_SMS", "EMAIL")));
        assertThat(capped.path("ratePerSecond").asDouble()).as("the configured limit, which the dispatcher enforces")
                .isEqualTo(1000.0);
    }

    @Test
    void aMeasuredRateTooSlowForTheDeadlineRefusesTheLaunchWithAdviceAboutThePool() {
        String key = incidentWithPeople();
        rates.record(Channel.EMAIL, 20, Duration.ofSeconds(40), "w1");
        Map<String, Object> body = draft("EMAIL_ELSE_SMS", "EMAIL");
        body.put("deadline", app().clock.instant().plusSeconds(5).toString());
        JsonNode c = create(key, body);

        JsonNode email = emailEstimate(c);
        assertThat(email.path("fits").asBoolean()).as("3 recipients at 0.5/s take 6 s").isFalse();
        assertThat(email.path("advice").asText()).contains("measured").contains("notify.email.connections");
        act(approver(), c, "approve");
        Api.Reply refused = act(responder(), c, "launch");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("campaign.capacity_exceeded");
    }

    private Optional<MeasuredRate> stored() {
        return rates.latest(Channel.EMAIL);
    }

    private static JsonNode emailEstimate(JsonNode campaign) {
        for (JsonNode c : campaign.path("capacity").path("channels")) {
            if (c.path("channel").asText().equals("EMAIL")) {
                return c;
            }
        }
        throw new AssertionError("no EMAIL estimate in " + campaign);
    }
}
