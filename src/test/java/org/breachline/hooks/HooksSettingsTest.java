package org.breachline.hooks;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HooksSettingsTest {

    private static List<String> violations(Map<String, Object> section) {
        HooksSettings settings = Jackson.newObjectMapper().convertValue(section, HooksSettings.class);
        return Validators.newValidator().validate(settings).stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).toList();
    }

    @Test
    void aMessageIdIsKeptLongerThanItsMessageIsAccepted() {
        // Ids live as long as their deliveries (retention, at least a day); a tolerance over 12 h could outlast them.
        assertThat(violations(Map.of("timestampTolerance", "12h", "retention", "1d"))).isEmpty();
        assertThat(violations(Map.of("timestampTolerance", "13h"))).singleElement().asString()
                .startsWith("timestampTolerance");
        assertThat(violations(Map.of("retention", "23h"))).singleElement().asString().startsWith("retention");
    }
}
