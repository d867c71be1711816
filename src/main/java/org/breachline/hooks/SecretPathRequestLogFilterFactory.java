package org.breachline.hooks;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.filter.FilterFactory;

/**
 * A request-log filter ({@code filterFactories: [{type: hook-secret-paths}]} under an appender of
 * {@code server.requestLog}) that leaves out deliveries to {@code /hooks/{source}/{secret}}: their URL is a
 * credential, and an access log is read by more people than the alert sources' admins. The deliveries themselves are
 * still recorded (the delivery list, metrics, and a warning without the URL for every refusal).
 */
@JsonTypeName("hook-secret-paths")
public class SecretPathRequestLogFilterFactory implements FilterFactory<IAccessEvent> {
    private static final String PREFIX = "/hooks/";
    // The one fixed two-segment path under /hooks; it carries no secret.
    private static final String TWILIO_STATUS = "/hooks/twilio/status";

    @Override
    public Filter<IAccessEvent> build() {
        return new Filter<>() {
            @Override
            public FilterReply decide(IAccessEvent event) {
                return carriesSecret(event.getRequestURI()) ? FilterReply.DENY : FilterReply.NEUTRAL;
            }
        };
    }

    /** Whether a request path has a segment after the source's, the place of a path secret. */
    static boolean carriesSecret(String path) {
        if (path == null || !path.startsWith(PREFIX) || path.equals(TWILIO_STATUS)) {
            return false;
        }
        int slash = path.indexOf('/', PREFIX.length());
        return slash > PREFIX.length() && slash < path.length() - 1;
    }
}
