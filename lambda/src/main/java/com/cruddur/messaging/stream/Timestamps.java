package com.cruddur.messaging.stream;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sort keys of this table are ISO-8601 timestamps compared as strings, which is how DynamoDB
 * orders a user's conversation list. These helpers validate them and find the next later key of
 * the same format.
 */
final class Timestamps {

    // Date and time to the second, an optional fraction of 1 to 9 digits, an optional offset.
    private static final Pattern SHAPE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:\\d{2})?$");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private Timestamps() {
    }

    /** Whether the value is an ISO-8601 date-time (offset or zone optional), such as the app writes. */
    public static boolean isTimestamp(String value) {
        if (value == null || !SHAPE.matcher(value).matches()) {
            return false;
        }
        try {
            DateTimeFormatter.ISO_DATE_TIME.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * The smallest later timestamp of the same format: one unit of the value's finest digit added
     * (one microsecond for the app's {@code 2023-06-26T10:16:00.375877+00:00}), with the same
     * number of fraction digits and the same offset text. Keeping the format keeps string order
     * equal to time order.
     *
     * @throws IllegalArgumentException if the value is not a timestamp
     */
    public static String nextAfter(String value) {
        Matcher m = SHAPE.matcher(value == null ? "" : value);
        if (!m.matches() || !isTimestamp(value)) {
            throw new IllegalArgumentException("not an ISO-8601 timestamp");
        }
        LocalDateTime seconds = LocalDateTime.parse(m.group(1));
        String fraction = m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3);
        if (fraction == null) {
            return seconds.plusSeconds(1).format(SECONDS) + rest;
        }
        int digits = fraction.length();
        long unit = (long) Math.pow(10, 9 - digits);
        long nanos = Long.parseLong(fraction) * unit;
        LocalDateTime next = seconds.plusNanos(nanos + unit);
        String nextFraction = String.format("%09d", next.getNano()).substring(0, digits);
        return next.withNano(0).format(SECONDS) + "." + nextFraction + rest;
    }
}
