package org.breachline.notify;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;

/**
 * SMS through the Twilio SDK, with every automatic re-send switched off (the SDK's own 5xx retries and the HTTP
 * client's 429/503 retries): the outbox alone decides when to try again. A 5xx or a lost answer may still have
 * created the message, so it is reported as unknown and reconciled by looking the message up before any resend.
 */
public final class TwilioChannel implements DeliveryChannel {
    /** Twilio error codes that no retry can fix: invalid or non-mobile number, region disabled, opted out. */
    private static final Set<Integer> PERMANENT = Set.of(21211, 21408, 21610, 21614, 21635);
    /** Retry later: too many concurrent requests, sender queue full. */
    private static final Set<Integer> TRANSIENT = Set.of(20429, 21611);
    /**
     * Twilio refuses the sender, not the message: every delivery would fail the same way, so the channel stops.
     * 20003 authentication failed (wrong SID or token, revoked key, suspended account), 20005 and 10001 account not
     * active, 21601 the From number is not an SMS-capable number of this account.
     */
    private static final Map<Integer, String> ACCOUNT = Map.of(
            20003, "authentication failed: check notify.sms.accountSid and authToken (or the account is suspended)",
            20005, "the Twilio account is not active (funds, or a trial not activated)",
            10001, "the Twilio account is not active",
            21601, "notify.sms.from is not an SMS-capable number of this Twilio account");

    private final NotifyConfiguration.Sms config;
    private final TwilioRestClient client;

    public TwilioChannel(NotifyConfiguration.Sms config) {
        if (config.getAccountSid() == null || config.getAuthToken() == null
                || (config.getFrom() == null && config.getMessagingServiceSid() == null)) {
            throw new IllegalArgumentException("notify.sms in TWILIO mode needs accountSid, authToken and a from "
                    + "number or messagingServiceSid");
        }
        this.config = config;
        HttpClientBuilder http = HttpClientBuilder.create().disableAutomaticRetries();
        if (config.getApiOverride() != null && !config.getApiOverride().isBlank()) {
            URI local = URI.create(config.getApiOverride());
            HttpHost host = new HttpHost(local.getScheme(), local.getHost(), local.getPort());
            http.setRoutePlanner((target, context) -> new HttpRoute(host));
        }
        NetworkHttpClient once = new NetworkHttpClient(http) {
            @Override
            public Response reliableRequest(Request request) {
                return makeRequest(request);
            }
        };
        this.client = new TwilioRestClient.Builder(config.getAccountSid(), config.getAuthToken()).httpClient(once)
                .build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public double ratePerSecond() {
        return config.getSegmentsPerSecond();
    }

    @Override
    public SendResult send(Outgoing message) {
        String body = ((RenderedNotice.Sms) message.notice()).text();
        MessageCreator creator = config.getFrom() != null && !config.getFrom().isBlank()
                ? Message.creator(new PhoneNumber(message.to()), new PhoneNumber(config.getFrom()), body)
                : Message.creator(new PhoneNumber(message.to()), config.getMessagingServiceSid(), body);
        if (config.getFrom() != null && !config.getFrom().isBlank() && config.getMessagingServiceSid() != null) {
            creator.setMessagingServiceSid(config.getMessagingServiceSid());
        }
        creator.setStatusCallback(URI.create(message.statusCallbackUrl()));
        try {
            return new SendResult.Sent(creator.create(client).getSid());
        } catch (ApiException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return new SendResult.Unknown("Twilio call failed: " + e.getClass().getSimpleName());
        }
    }

    private static SendResult classify(ApiException e) {
        Integer code = e.getCode();
        if (code == null) {
            // A lost connection or an unreadable 5xx body: the message may exist.
            return new SendResult.Unknown("no usable answer from Twilio");
        }
        String reason = "Twilio error " + code;
        if (PERMANENT.contains(code)) {
            return new SendResult.Permanent(reason);
        }
        if (TRANSIENT.contains(code)) {
            return new SendResult.Transient(reason);
        }
        if (ACCOUNT.containsKey(code)) {
            return new SendResult.ChannelBlocked(reason + ": " + ACCOUNT.get(code));
        }
        if (e.getStatusCode() == 401) {
            return new SendResult.ChannelBlocked(reason + " (HTTP 401): Twilio did not accept the credentials");
        }
        if (e.getStatusCode() >= 500) {
            return new SendResult.Unknown(reason + " (HTTP " + e.getStatusCode() + ")");
        }
        return new SendResult.Permanent(reason);
    }

    /** Looks for a message to the same number with the same body created since the claim. */
    @Override
    public Reconciliation reconcile(InFlight delivery) {
        if (delivery.notice() == null) {
            return new Reconciliation.CannotTell("the notice can no longer be rendered to compare");
        }
        String body = ((RenderedNotice.Sms) delivery.notice()).text();
        ZonedDateTime since = delivery.claimedAt().minusSeconds(300).atZone(java.time.ZoneOffset.UTC);
        try {
            for (Message m : Message.reader().setTo(new PhoneNumber(delivery.to())).limit(50).read(client)) {
                boolean recent = m.getDateCreated() == null || !m.getDateCreated().isBefore(since);
                if (recent && body.equals(m.getBody())) {
                    return new Reconciliation.AlreadySent(m.getSid());
                }
            }
            return new Reconciliation.NotSent();
        } catch (RuntimeException e) {
            return new Reconciliation.CannotTell("Twilio lookup failed: " + e.getClass().getSimpleName());
        }
    }
}
