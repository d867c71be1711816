package org.breachline.hooks;

import ch.qos.logback.access.common.spi.IAccessEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.filter.FilterFactory;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPathRequestLogFilterFactoryTest {
    private final Filter<IAccessEvent> filter = new SecretPathRequestLogFilterFactory().build();

    @Test
    void leavesOutOnlyPathsWithASecretSegment() {
        assertThat(decide("/hooks/splunk/s3cr3t-value")).isEqualTo(FilterReply.DENY);
        assertThat(decide("/hooks/splunk/s3cr3t/extra")).isEqualTo(FilterReply.DENY);
        assertThat(decide("/hooks/splunk")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("/hooks/splunk/")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("/hooks/twilio/status")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("/hooks/ping")).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("/api/incidents/INC-2026-0001")).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void isFoundByItsTypeNameLikeDropwizardsOwnFilters() throws Exception {
        // Dropwizard finds filter types through META-INF/services; config.yml names this one.
        var factory = new YamlConfigurationFactory<>(Holder.class, Validators.newValidator(), Jackson.newObjectMapper(), "")
                .build(new ResourceConfigurationSourceProvider(), "request-log-filter.yml");
        assertThat(factory.filterFactories).singleElement().isInstanceOf(SecretPathRequestLogFilterFactory.class);
    }

    public static class Holder {
        public List<FilterFactory<IAccessEvent>> filterFactories;
    }

    private FilterReply decide(String uri) {
        IAccessEvent event = (IAccessEvent) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {IAccessEvent.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getRequestURI")) {
                        return uri;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return filter.decide(event);
    }
}
