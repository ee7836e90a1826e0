package com.cruddur.messaging.ops.redrive;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code redrive --since}: a moment, or a time before now. An ISO-8601 instant
 * ({@code 2026-11-20T18:00:00Z}), a date (its start, UTC: {@code 2026-11-20}), a duration in days,
 * hours or minutes ({@code 7d}, {@code 36h}, {@code 90m}) or ISO-8601's ({@code PT36H}).
 *
 * @param at  the moment, or null
 * @param ago the time before now, or null
 */
record Since(Instant at, Duration ago) {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([dhm])");

    /** The moment, now being {@code now}. */
    Instant from(Instant now) {
        return at != null ? at : now.minus(ago);
    }

    @Override
    public String toString() {
        return at != null ? at.toString() : ago.toString();
    }

    /** The option's converter. */
    static final class Text implements ITypeConverter<Since> {
        @Override
        public Since convert(String text) {
            String value = text.strip();
            Matcher shortForm = SHORT.matcher(value.toLowerCase(Locale.ROOT));
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return new Since(null, switch (shortForm.group(2)) {
                    case "d" -> Duration.ofDays(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofMinutes(amount);
                });
            }
            try {
                if (value.startsWith("P") || value.startsWith("p")) {
                    Duration ago = Duration.parse(value);
                    if (!ago.isNegative()) {
                        return new Since(null, ago);
                    }
                } else if (value.length() == 10) {
                    return new Since(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant(), null);
                } else {
                    return new Since(Instant.parse(value), null);
                }
            } catch (DateTimeParseException e) {
                // Said below, as any other value that is none of these.
            }
            throw new TypeConversionException("needs an instant (2026-11-20T18:00:00Z), a date (2026-11-20) or a"
                    + " duration (7d, 36h, 90m, PT36H)");
        }
    }
}
