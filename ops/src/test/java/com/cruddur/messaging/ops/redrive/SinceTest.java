package com.cruddur.messaging.ops.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** {@code redrive --since}: the forms people write a moment or an age in. */
class SinceTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private static Instant since(String text) {
        return new Since.Text().convert(text).from(NOW);
    }

    @Test
    void anAgeInDaysHoursOrMinutesCountsBackFromNow() {
        assertThat(since("7d")).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(since("36h")).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(since("90M")).isEqualTo(Instant.parse("2026-11-29T10:30:00Z"));
        assertThat(since("PT36H")).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void anInstantOrADateIsTakenAsItIsADateFromItsStartInUtc() {
        assertThat(since("2026-11-20T18:30:00Z")).isEqualTo(Instant.parse("2026-11-20T18:30:00Z"));
        assertThat(since("2026-11-20")).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String text : new String[] {"", "7", "7w", "-PT1H", "2026-13-01", "yesterday"}) {
            assertThatThrownBy(() -> since(text)).as(text).isInstanceOf(TypeConversionException.class);
        }
    }
}
