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

    record Paging(int limit, long total) {
    }

    @Test
    void aWholeNumberOutOfRangeOrWithAFractionSaysWhatRangeItTakes() {
        assertThat(detailOf("{\"title\":\"a\",\"counts\":{\"DE\":2147483648}}", Named.class))
                .isEqualTo(new ApiError.Detail("counts.DE", "must be a whole number from -2147483648 to 2147483647"));
        assertThat(detailOf("{\"title\":\"a\",\"counts\":{\"DE\":1.5}}", Named.class))
                .isEqualTo(new ApiError.Detail("counts.DE", "must be a whole number from -2147483648 to 2147483647"));
        assertThat(detailOf("{\"limit\":1e3,\"total\":1}", Paging.class).problem())
                .isEqualTo("must be a whole number from -2147483648 to 2147483647");
        assertThat(detailOf("{\"limit\":1,\"total\":92233720368547758070}", Paging.class))
                .isEqualTo(new ApiError.Detail("total",
                        "must be a whole number from -9223372036854775808 to 9223372036854775807"));
        assertThat(detailOf("{\"limit\":\"5\",\"total\":1}", Paging.class))
                .isEqualTo(new ApiError.Detail("limit", "must be a whole number from -2147483648 to 2147483647"));
    }

    private ApiError.Detail detailOf(String json, Class<?> type) {
        try {
            mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            ApiError error = JsonErrorMapper.describe(e);
            assertThat(error.code()).isEqualTo("request.invalid_field");
            return error.details().get(0);
        }
        throw new AssertionError("accepted " + json);
    }
}
