package io.muster.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Numbers no double can be are refused where JSON is read, quickly, whatever their size: a validator or a
 * filter never sees them, and nothing non-finite is stored.
 */
class BoundedNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"1e70000000", "1e999999999", "-1e400", "1e309", "1e-70000000", "123456789e-99999999",
        "1797693134862315708145274237317043567981000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"})
    void aNumberBeyondADoublesRangeIsRefusedWithA400(String number) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Json.MAPPER.readTree("{\"Findings\":[{\"Confidence\":" + number + "}]}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("out of range")
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400));
        assertThat(System.nanoTime() - started).as("refused at once, not expanded").isLessThan(2_000_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "-0.0", "1.7976931348623157e308", "4.9e-324", "0.000001", "9.99", "1e2"})
    void everyNumberADoubleCanBeIsKeptExactly(String number) throws Exception {
        assertThat(Json.MAPPER.readTree("{\"n\":" + number + "}").get("n").decimalValue())
                .isEqualByComparingTo(new java.math.BigDecimal(number));
    }
}
