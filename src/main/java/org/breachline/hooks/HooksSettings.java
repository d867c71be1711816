package org.breachline.hooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code hooks:} section of the configuration: alert sources, their limits, and the outbound webhook. */
public class HooksSettings {

    /** Sources fixed in the configuration; sources created through the API are kept in the database. */
    @Valid
    @NotNull
    @JsonProperty("sources")
    private List<Source> sources = new ArrayList<>();

    /**
     * Whether deliveries are applied to incidents in the request (INLINE) or right after it by the worker (DEFERRED,
     * the default: the request only authenticates, parses and stores, and one worker applies deliveries in order, so
     * a burst on one fingerprint never queues requests behind its row lock).
     */
    @NotNull
    @JsonProperty("processing")
    private HookProcessing processing = HookProcessing.DEFERRED;

    /**
     * How far a signed timestamp may be from our clock. At most 12 hours, so that a message id is kept (with its
     * delivery, for {@code retention}, at least a day) for longer than its message is accepted.
     */
    @NotNull
    @MaxDuration(value = 12, unit = TimeUnit.HOURS)
    @JsonProperty("timestampTolerance")
    private Duration timestampTolerance = Duration.minutes(5);

    /** Deliveries per second a source may send before the rest are queued and coalesced (still answered 202). */
    @Min(1)
    @JsonProperty("ratePerSecond")
    private int ratePerSecond = 200;

    /** How many deliveries a source may send at once above its rate. */
    @Min(1)
    @JsonProperty("rateBurst")
    private int rateBurst = 400;

    /**
     * Deliveries per second a source may send at all: above it (once {@code maxBurst} is spent) an authenticated
     * delivery is answered 429 with {@code Retry-After} and nothing is stored. A ceiling against a runaway sender, for
     * sources whose senders retry a 429 ({@link PayloadFormat#senderRetriesTooManyRequests()}); others get one only
     * from a {@code maxPerSecond} of their own.
     */
    @Min(1)
    @JsonProperty("maxPerSecond")
    private int maxPerSecond = 1000;

    /** How many deliveries a source may send at once before {@code maxPerSecond} holds it back. */
    @Min(1)
    @JsonProperty("maxBurst")
    private int maxBurst = 2000;

    /** Failed authentications per minute per source before the hook answers 429 instead of 401. */
    @Min(1)
    @JsonProperty("authFailuresPerMinute")
    private int authFailuresPerMinute = 60;

    /** The largest raw payload copied onto an incident's timeline; larger ones stay in the delivery record. */
    @NotNull
    @MinDataSize(1)
    @JsonProperty("maxTimelinePayload")
    private DataSize maxTimelinePayload = DataSize.kibibytes(64);

    /**
     * How long received deliveries (raw payloads, which may carry personal data) and finished outbound messages are
     * kept; queued deliveries and pending messages are kept until done. What the alerts did stays on the timelines.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.DAYS)
    @JsonProperty("retention")
    private Duration retention = Duration.days(90);

    /** How often the background workers look for queued deliveries and due outbound messages. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @JsonProperty("workerInterval")
    private Duration workerInterval = Duration.seconds(1);

    /** How long a queued delivery may wait for the worker before the {@code hook-queue} health check fails. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty("queueLagAlarm")
    private Duration queueLagAlarm = Duration.minutes(5);

    @Valid
    @NotNull
    @JsonProperty("outbound")
    private Outbound outbound = new Outbound();

    public List<Source> getSources() {
        return sources;
    }

    public HookProcessing getProcessing() {
        return processing;
    }

    public Duration getTimestampTolerance() {
        return timestampTolerance;
    }

    public int getRatePerSecond() {
        return ratePerSecond;
    }

    public int getRateBurst() {
        return rateBurst;
    }

    public int getMaxPerSecond() {
        return maxPerSecond;
    }

    public int getMaxBurst() {
        return maxBurst;
    }

    public int getAuthFailuresPerMinute() {
        return authFailuresPerMinute;
    }

    public DataSize getMaxTimelinePayload() {
        return maxTimelinePayload;
    }

    public Duration getRetention() {
        return retention;
    }

    public Duration getWorkerInterval() {
        return workerInterval;
    }

    public Duration getQueueLagAlarm() {
        return queueLagAlarm;
    }

    public Outbound getOutbound() {
        return outbound;
    }

    /** One alert source as written in config.yml. */
    public static class Source {
        @NotBlank
        @Pattern(regexp = AlertSourceName.PATTERN)
        @JsonProperty("name")
        private String name;

        @NotNull
        @JsonProperty("format")
        private PayloadFormat format;

        @NotNull
        @JsonProperty("auth")
        private AuthScheme auth;

        /**
         * The secret as the sender presents it, or its stored form ({@code sha256:<hex>} for bearer and secret path);
         * {@code whsec_…} for Standard Webhooks; the shared secret for Grafana HMAC.
         */
        @NotBlank
        @JsonProperty("secret")
        private String secret;

        @NotNull
        @JsonProperty("defaultSeverity")
        private Severity defaultSeverity = Severity.HIGH;

        @NotNull
        @JsonProperty("dedupWindow")
        private Duration dedupWindow = Duration.hours(1);

        @JsonProperty("signatureHeader")
        private String signatureHeader;

        @JsonProperty("timestampHeader")
        private String timestampHeader;

        /** This source's own rate, instead of the section's {@code ratePerSecond}. */
        @Min(1)
        @JsonProperty("ratePerSecond")
        private Integer ratePerSecond;

        /** This source's own burst, instead of the section's {@code rateBurst}. */
        @Min(1)
        @JsonProperty("rateBurst")
        private Integer rateBurst;

        /** This source's own ceiling, instead of the section's {@code maxPerSecond}. */
        @Min(1)
        @JsonProperty("maxPerSecond")
        private Integer maxPerSecond;

        /** This source's own burst above its ceiling, instead of the section's {@code maxBurst}. */
        @Min(1)
        @JsonProperty("maxBurst")
        private Integer maxBurst;

        public String getName() {
            return name;
        }

        public PayloadFormat getFormat() {
            return format;
        }

        public AuthScheme getAuth() {
            return auth;
        }

        public String getSecret() {
            return secret;
        }

        public Severity getDefaultSeverity() {
            return defaultSeverity;
        }

        public Duration getDedupWindow() {
            return dedupWindow;
        }

        public String getSignatureHeader() {
            return signatureHeader;
        }

        public String getTimestampHeader() {
            return timestampHeader;
        }

        public Integer getRatePerSecond() {
            return ratePerSecond;
        }

        public Integer getRateBurst() {
            return rateBurst;
        }

        public Integer getMaxPerSecond() {
            return maxPerSecond;
        }

        public Integer getMaxBurst() {
            return maxBurst;
        }
    }

    /** The webhook told when an incident opens or changes stage; off while {@code url} is empty. */
    public static class Outbound {
        @JsonProperty("url")
        private String url;

        /** {@code whsec_<base64>}; the receiver verifies our Standard Webhooks signature with it. */
        @JsonProperty("secret")
        private String secret;

        @Min(1)
        @Max(50)
        @JsonProperty("maxAttempts")
        private int maxAttempts = 10;

        /** The first retry's delay; each further retry doubles it (with jitter), up to {@code maxBackoff}. */
        @NotNull
        @JsonProperty("initialBackoff")
        private Duration initialBackoff = Duration.seconds(5);

        @NotNull
        @JsonProperty("maxBackoff")
        private Duration maxBackoff = Duration.hours(1);

        @NotNull
        @JsonProperty("timeout")
        private Duration timeout = Duration.seconds(10);

        public boolean isEnabled() {
            return url != null && !url.isBlank();
        }

        public String getUrl() {
            return url;
        }

        public String getSecret() {
            return secret;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public Duration getTimeout() {
            return timeout;
        }
    }
}
