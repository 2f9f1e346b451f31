package io.muster.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Optional;

/**
 * ASFF timestamps: ISO-8601 date-times with up to nine fractional digits and a {@code Z} or a
 * {@code ±hh[:mm]} / {@code ±hhmm} offset, as Security Hub accepts them
 * ({@code 2024-01-04T15:25:10.123456789Z}, {@code 2024-01-04T15:25:10-1759}).
 */
public final class AsffTime {

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    /** How Muster writes the timestamps it sets itself: UTC, milliseconds, like Security Hub. */
    private static final DateTimeFormatter WRITER = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private AsffTime() {
    }

    /** The instant a valid ASFF timestamp names, or empty when the text is not one. */
    public static Optional<OffsetDateTime> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, PARSER));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static String format(Instant instant) {
        return WRITER.format(instant);
    }
}
