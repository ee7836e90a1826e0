package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2023-06-26T10:16:00.375877+00:00", "2026-11-21T12:00:00Z", "2026-11-21T12:00:00.1-05:00",
        "2026-11-21T12:00:00", "2026-11-21T12:00:00.123456789+01:00"})
    void acceptsIsoTimestampsAsTheAppWritesThem(String value) {
        assertThat(Timestamps.isTimestamp(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday at noon", "2026-11-21", "2026-13-01T00:00:00Z", "2026-11-21 12:00:00Z",
        "2026-11-21T25:00:00Z", "2026-11-21T12:00:00.+00:00"})
    void rejectsAnythingElse(String value) {
        assertThat(Timestamps.isTimestamp(value)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-21T12:00:00.000000+00:00, 2026-11-21T12:00:00.000001+00:00",
        "2026-11-21T12:00:00.999999+00:00, 2026-11-21T12:00:01.000000+00:00",
        "2026-12-31T23:59:59.999999Z,      2027-01-01T00:00:00.000000Z",
        "2026-11-21T12:00:00Z,             2026-11-21T12:00:01Z",
        "2026-11-21T12:00:00.9-03:00,      2026-11-21T12:00:01.0-03:00"})
    void nextAfterIsOneUnitOfTheFinestDigitLaterInTheSameFormat(String value, String next) {
        assertThat(Timestamps.nextAfter(value)).isEqualTo(next);
        assertThat(Timestamps.nextAfter(value)).isGreaterThan(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noon", "2026-11-21"})
    void nextAfterRefusesWhatIsNotATimestamp(String value) {
        assertThatThrownBy(() -> Timestamps.nextAfter(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
