package org.breachline.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/** The {@code notify:} section: templates, the dispatcher, and how each channel sends. */
public class NotifyConfiguration {
    @NotBlank
    @JsonProperty("templates")
    private String templates = "templates";

    @Min(1)
    @Max(10)
    @JsonProperty("maxSmsSegments")
    private int maxSmsSegments = 2;

    /** The public base URL of this service, for provider callbacks (Twilio status). */
    @NotBlank
    @JsonProperty("publicBaseUrl")
    private String publicBaseUrl = "http://127.0.0.1:8080";

    @Valid
    @NotNull
    @JsonProperty("dispatcher")
    private Dispatcher dispatcher = new Dispatcher();

    @Valid
    @NotNull
    @JsonProperty("email")
    private Email email = new Email();

    @Valid
    @NotNull
    @JsonProperty("sms")
    private Sms sms = new Sms();

    @Valid
    @NotNull
    @JsonProperty("webhook")
    private Webhook webhook = new Webhook();

    /** Where the file sink writes {@code .eml} files, SMS JSON lines and signed webhook requests. */
    @NotBlank
    @JsonProperty("outbox")
    private String outbox = "./data/outbox";

    public String getTemplates() {
        return templates;
    }

    public int getMaxSmsSegments() {
        return maxSmsSegments;
    }

    public String getPublicBaseUrl() {
        return publicBaseUrl;
    }

    public Dispatcher getDispatcher() {
        return dispatcher;
    }

    public Email getEmail() {
        return email;
    }

    public Sms getSms() {
        return sms;
    }

    public String getOutbox() {
        return outbox;
    }

    public Webhook getWebhook() {
        return webhook;
    }

    /** How the outbox is worked through. */
    public static class Dispatcher {
        /** Off in tests, which run rounds through the admin task instead. */
        @JsonProperty("enabled")
        private boolean enabled = true;

        /** This instance's name in claims; defaults to host and process id. */
        @JsonProperty("workerId")
        private String workerId;

        @NotNull
        @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
        @JsonProperty("pollEvery")
        private Duration pollEvery = Duration.milliseconds(200);

        /** Deliveries one claim takes (fewer when the channel's rate allows fewer now). */
        @Min(1)
        @Max(10_000)
        @JsonProperty("batchSize")
        private int batchSize = 500;

        /**
         * Outcomes are committed together, every this many messages: one transaction instead of one per message.
         * At most twice this many deliveries are handed to a channel without a committed outcome, which bounds what
         * a crash can leave UNCERTAIN on a channel that cannot be asked (SMTP).
         */
        @Min(1)
        @Max(1_000)
        private int recordEvery = 50;

        /** A claim whose heartbeat is older than this is taken for a crashed worker's and reconciled. */
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @JsonProperty("staleAfter")
        private Duration staleAfter = Duration.minutes(2);

        @Min(1)
        @Max(50)
        @JsonProperty("maxAttempts")
        private int maxAttempts = 6;

        @NotNull
        @JsonProperty("backoffBase")
        private Duration backoffBase = Duration.seconds(30);

        @NotNull
        @JsonProperty("backoffMax")
        private Duration backoffMax = Duration.hours(1);

        public boolean isEnabled() {
            return enabled;
        }

        public String getWorkerId() {
            return workerId;
        }

        public Duration getPollEvery() {
            return pollEvery;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public int getRecordEvery() {
            return recordEvery;
        }

        /** A number, or text from a test's override. */
        @JsonProperty("recordEvery")
        void setRecordEvery(Object recordEvery) {
            this.recordEvery = recordEvery instanceof Number n ? n.intValue()
                    : Integer.parseInt(String.valueOf(recordEvery).strip());
        }

        public Duration getStaleAfter() {
            return staleAfter;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public Duration getBackoffBase() {
            return backoffBase;
        }

        public Duration getBackoffMax() {
            return backoffMax;
        }
    }

    /** Where a channel's notices go: the file sink (embedded default) or the real provider. */
    public enum Mode { FILE, SMTP, TWILIO }

    /** E-mail: the file sink or SMTP through Commons Email over a small pool of reused connections. */
    public static class Email {
        @NotNull
        @JsonProperty("mode")
        private Mode mode = Mode.FILE;

        @NotBlank
        @JsonProperty("from")
        private String from = "Breachline <notices@breachline.invalid>";

        /** Messages per second this instance sends at most. */
        @DecimalMin("0.01")
        @JsonProperty("ratePerSecond")
        private double ratePerSecond = 20;

        @NotBlank
        @JsonProperty("host")
        private String host = "127.0.0.1";

        @Min(1)
        @Max(65535)
        private int port = 25;

        @JsonProperty("username")
        private String username;

        @JsonProperty("password")
        private String password;

        /** Upgrade with STARTTLS (required when true). */
        @JsonProperty("startTls")
        private boolean startTls;

        /** Implicit TLS (port 465). */
        @JsonProperty("ssl")
        private boolean ssl;

        @NotNull
        @JsonProperty("timeout")
        private Duration timeout = Duration.seconds(30);

        /** SMTP connections used at once, each kept open across messages, each with its own sender thread. */
        @Min(1)
        @Max(32)
        private int connections = 4;

        public Mode getMode() {
            return mode;
        }

        public String getFrom() {
            return from;
        }

        public double getRatePerSecond() {
            return ratePerSecond;
        }

        public String getHost() {
            return host;
        }

        public int getPort() {
            return port;
        }

        /** A number, or text from an environment variable or a test's override. */
        @JsonProperty("port")
        void setPort(Object port) {
            this.port = port instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(port).strip());
        }

        public String getUsername() {
            return username;
        }

        public String getPassword() {
            return password;
        }

        public boolean isStartTls() {
            return startTls;
        }

        public boolean isSsl() {
            return ssl;
        }

        public Duration getTimeout() {
            return timeout;
        }

        public int getConnections() {
            return connections;
        }

        /** A number, or text from a test's override. */
        @JsonProperty("connections")
        void setConnections(Object connections) {
            this.connections = connections instanceof Number n ? n.intValue()
                    : Integer.parseInt(String.valueOf(connections).strip());
        }

        @Override
        public String toString() {
            return "Email[mode=" + mode + ", host=" + host + ":" + port + "]";
        }
    }

    /** SMS: the file sink or Twilio. */
    public static class Sms {
        @NotNull
        @JsonProperty("mode")
        private Mode mode = Mode.FILE;

        /** Segments per second the sender may send: a US long code 1, toll-free 3, a short code 100. */
        @DecimalMin("0.01")
        @JsonProperty("segmentsPerSecond")
        private double segmentsPerSecond = 1;

        /** Most time a message may wait in the provider's queue (Twilio: 10 hours). */
        @NotNull
        @JsonProperty("maxQueue")
        private Duration maxQueue = Duration.hours(10);

        @JsonProperty("accountSid")
        private String accountSid;

        @JsonProperty("authToken")
        private String authToken;

        /** A sender number in E.164, or leave empty and give a messaging service. */
        @JsonProperty("from")
        private String from;

        @JsonProperty("messagingServiceSid")
        private String messagingServiceSid;

        /** Tests only: send every Twilio API request to this local host:port instead. */
        @JsonProperty("apiOverride")
        private String apiOverride;

        /** How often status reports that came before their message's SID was recorded are matched again. */
        @NotNull
        @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
        @JsonProperty("unmatchedStatusCheckEvery")
        private Duration unmatchedStatusCheckEvery = Duration.seconds(5);

        /** How long such a report is kept for a SID that never appears (a message not ours, or never recorded). */
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.MINUTES)
        @JsonProperty("unmatchedStatusRetention")
        private Duration unmatchedStatusRetention = Duration.days(7);

        public Mode getMode() {
            return mode;
        }

        public double getSegmentsPerSecond() {
            return segmentsPerSecond;
        }

        public Duration getMaxQueue() {
            return maxQueue;
        }

        public String getAccountSid() {
            return accountSid;
        }

        public String getAuthToken() {
            return authToken;
        }

        public String getFrom() {
            return from;
        }

        public String getMessagingServiceSid() {
            return messagingServiceSid;
        }

        public String getApiOverride() {
            return apiOverride;
        }

        public Duration getUnmatchedStatusCheckEvery() {
            return unmatchedStatusCheckEvery;
        }

        public Duration getUnmatchedStatusRetention() {
            return unmatchedStatusRetention;
        }

        @Override
        public String toString() {
            return "Sms[mode=" + mode + ", accountSid=" + accountSid + "]";
        }
    }

    /**
     * The WEBHOOK channel: a Standard Webhooks signed POST of each person's notice to the organisation's own product.
     * Without a {@code url} the signed requests are written as JSON lines under the outbox folder instead.
     */
    public static class Webhook {
        /** The product's endpoint (http or https); empty for the file sink. */
        @JsonProperty("url")
        private String url;

        /** The {@code whsec_<base64>} signing secret the product verifies with; required with a url. */
        @JsonProperty("secret")
        private String secret;

        /** Requests per second this instance sends at most. */
        @DecimalMin("0.01")
        @JsonProperty("ratePerSecond")
        private double ratePerSecond = 50;

        /** Connect and answer timeout of one request; a timeout is retried like any transient failure. */
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
        @JsonProperty("timeout")
        private Duration timeout = Duration.seconds(10);

        public String getUrl() {
            return url;
        }

        public String getSecret() {
            return secret;
        }

        public double getRatePerSecond() {
            return ratePerSecond;
        }

        public Duration getTimeout() {
            return timeout;
        }

        /** Whether requests go over HTTP (a url is configured) rather than into the file sink. */
        public boolean isHttp() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Webhook[url=" + url + "]";
        }
    }
}
