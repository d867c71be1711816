package org.breachline.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {
    private final ObjectMapper mapper = StrictJson.newMapper();

    record Window(Duration window) {
    }

    record Named(String title, Map<String, Integer> counts) {
    }

    @Test
    void aDurationIsAnIsoString() throws Exception {
        assertThat(mapper.readValue("{\"window\":\"PT2H\"}", Window.class).window()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aNumberIsNotADurationSinceItsUnitWouldBeAGuess() {
        assertThatThrownBy(() -> mapper.readValue("{\"window\":123}", Window.class))
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(JsonErrorMapper.describe((JsonProcessingException) e).details().get(0))
                        .isEqualTo(new ApiError.Detail("window", "must be an ISO-8601 duration such as PT1H or P30D")));
        assertThatThrownBy(() -> mapper.readValue("{\"window\":1.5}", Window.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void aFieldGivenTwiceIsRefusedNamingIt() {
        assertThatThrownBy(() -> mapper.readValue("{\"title\":\"a\",\"title\":\"b\"}", Named.class))
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> {
                    ApiError error = JsonErrorMapper.describe((JsonProcessingException) e);
                    assertThat(error.code()).isEqualTo("request.duplicate_field");
                    assertThat(error.details()).containsExactly(new ApiError.Detail("title", "is given twice"));
                });
        assertThatThrownBy(() -> mapper.readValue("{\"title\":\"a\",\"counts\":{\"DE\":1,\"DE\":2}}", Named.class))
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(JsonErrorMapper.describe((JsonProcessingException) e).details().get(0)
                        .field()).isEqualTo("counts.DE"));
    }
}
