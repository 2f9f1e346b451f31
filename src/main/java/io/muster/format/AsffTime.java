package io.muster.format;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Optional;

/**
 * ASFF timestamps in the forms Security Hub documents (API reference, "Timestamps"): "Timestamps can end with
 * {@code Z} or ("+" / "-") time-hour [":" time-minute]. The time-secfrac after seconds is limited to a maximum of 9
 * digits. The offset is bounded by +/-18:00" — {@code 2024-01-04T15:25:10.123456789Z}, {@code 2024-01-04T15:25:10-1759}.
 * Those are RFC 3339 terms, and AWS's own pattern for these fields (the AWS::SecurityHub::AutomationRule resource
 * schema) admits the leap second {@code 23:59:60}, read here as {@code 23:59:59} as {@code java.time} does; the value
 * cannot contain spaces.
 */
public final class AsffTime {

    /** How Muster writes the timestamps it sets itself: UTC, milliseconds, like Security Hub. */
    private static final DateTimeFormatter WRITER = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private AsffTime() {
    }

    /** The instant a valid ASFF timestamp names, or empty when the text is not one. */
    public static Optional<OffsetDateTime> parse(String text) {
        return text == null ? Optional.empty() : Optional.ofNullable(parseOrNull(text));
    }

    /**
     * Hand-written for the import path, where every finding carries several timestamps (a
     * DateTimeFormatter costs several microseconds each): {@code uuuu-MM-ddTHH:mm:ss}, an optional fraction
     * of 1 to 9 digits, then {@code Z} or an offset {@code ±HH}, {@code ±HH:MM} or {@code ±HHMM} up to ±18:00.
     */
    private static OffsetDateTime parseOrNull(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != 't')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        if (second == 60 && hour == 23 && minute == 59) {
            second = 59;
        }
        int i = 19;
        int nanos = 0;
        if (t.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && Character.isDigit(t.charAt(i))) {
                nanos = nanos * 10 + (t.charAt(i++) - '0');
            }
            int fractionDigits = i - start;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            for (int d = fractionDigits; d < 9; d++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(t, i);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String t, int i) {
        int n = t.length();
        if (i >= n) {
            return null;
        }
        char sign = t.charAt(i);
        if (sign == 'Z' || sign == 'z') {
            return i + 1 == n ? ZoneOffset.UTC : null;
        }
        if (sign != '+' && sign != '-') {
            return null;
        }
        int hours = digits(t, i + 1, 2);
        int minutes = 0;
        int rest = n - (i + 3);
        if (rest == 3 && t.charAt(i + 3) == ':') {
            minutes = digits(t, i + 4, 2);
        } else if (rest == 2) {
            minutes = digits(t, i + 3, 2);
        } else if (rest != 0) {
            return null;
        }
        if (hours < 0 || minutes < 0 || minutes > 59) {
            return null;
        }
        try {
            int total = hours * 3600 + minutes * 60;
            return ZoneOffset.ofTotalSeconds(sign == '-' ? -total : total);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by {@code count} digits at {@code from}, or -1. */
    private static int digits(String t, int from, int count) {
        if (from + count > t.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static String format(Instant instant) {
        return WRITER.format(instant);
    }
}
