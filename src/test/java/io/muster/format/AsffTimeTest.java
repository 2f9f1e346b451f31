package io.muster.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsffTimeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2019-01-31T23:00:00Z, 2019-01-31T23:00:00Z",
        "2019-01-31T23:00:00.123456789Z, 2019-01-31T23:00:00.123456789Z",
        "2021-08-25T12:20:30.000000005Z, 2021-08-25T12:20:30.000000005Z",
        "2024-01-04T15:25:10+17:59, 2024-01-03T21:26:10Z",
        "2024-01-04T15:25:10-1759, 2024-01-05T09:24:10Z",
        "2024-01-04T15:25:10.5+01:00, 2024-01-04T14:25:10.500Z",
        "2024-01-04T15:25:10+01, 2024-01-04T14:25:10Z",
        "2016-12-31T23:59:60Z, 2016-12-31T23:59:59Z",
        "2016-12-31T23:59:60.5Z, 2016-12-31T23:59:59.5Z",
    })
    void acceptsTheFormsSecurityHubAccepts(String text, String instant) {
        assertThat(AsffTime.parse(text)).get().extracting(t -> t.toInstant()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-01-31", "2019-01-31T23:00:00", "2019-01-31 23:00:00Z", "2019-13-01T00:00:00Z",
        "2019-01-31T23:00:00.1234567890Z", "2024-01-04T15:25:10+19:00", "yesterday", "2019-01-31T23:00:00Z\n",
        "2016-12-31T22:59:60Z", "2024-01-04T15:25:10+18:30", "2019-02-30T00:00:00Z"})
    void refusesAnythingElse(String text) {
        assertThat(AsffTime.parse(text)).isEmpty();
    }
}
