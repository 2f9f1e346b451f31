package io.muster.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.math.BigDecimal;

/**
 * Numbers as JSON trees hold them, refused at parse time when no AWS number could be them: every number in
 * the Security Hub API is a double, so a value beyond a double's range ({@code 1e400}, {@code -1e309}) or with
 * an exponent no double has ({@code 1e70000000}, {@code 1e-70000000}) is refused with a 400 where it is read —
 * before a validator or a filter expands it digit by digit, and before a non-finite value is stored.
 */
final class BoundedNumbers extends JsonNodeFactory {

    /** The largest decimal exponent of a double is 308; its smallest subnormal is about 4.9e-324. */
    static final int MAX_EXPONENT = 308;
    static final int MIN_EXPONENT = -400;

    BoundedNumbers() {
        super(true);
    }

    @Override
    public ValueNode numberNode(BigDecimal value) {
        if (value != null) {
            // the decimal exponent of the leading digit: unscaled digits, less the scale
            long exponent = (long) value.precision() - value.scale() - 1;
            if (value.signum() != 0 && (exponent > MAX_EXPONENT || exponent < MIN_EXPONENT)) {
                throw outOfRange(value.toString());
            }
        }
        return super.numberNode(value);
    }

    @Override
    public ValueNode numberNode(java.math.BigInteger value) {
        if (value != null && value.bitLength() > 1024) {
            throw outOfRange(value.toString());
        }
        return super.numberNode(value);
    }

    @Override
    public NumericNode numberNode(double value) {
        if (!Double.isFinite(value)) {
            throw outOfRange(Double.toString(value));
        }
        return super.numberNode(value);
    }

    @Override
    public NumericNode numberNode(float value) {
        if (!Float.isFinite(value)) {
            throw outOfRange(Float.toString(value));
        }
        return super.numberNode(value);
    }

    private static ApiException outOfRange(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return ApiException.invalidInput("A number in the request is out of range: " + shown + " (numbers are finite doubles, "
                + "from 1e" + MIN_EXPONENT + " to 1e" + MAX_EXPONENT + " in size)");
    }
}
