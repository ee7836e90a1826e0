package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The overhead's percentiles, from differences worked out by hand. */
class RelayOverheadTest {

    @Test
    void percentilesAreNearestRank() {
        // 1 ms .. 100 ms, shuffled: the median is the 50th value, the 99th percentile the 99th.
        long[] differences = LongStream.rangeClosed(1, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000).toArray();
        RelayOverhead overhead = RelayOverhead.of(differences);

        assertThat(overhead.requests()).isEqualTo(100);
        assertThat(overhead.p50()).isEqualTo(Duration.ofMillis(50));
        assertThat(overhead.p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(overhead.summary()).isEqualTo("relay overhead per request: p50 50.00 ms, p99 99.00 ms (measured, 100 requests)");
    }

    @Test
    void aFewRequestsTakeTheirLargestForTheTail() {
        // 3 values: the median is the 2nd (rank ceil(1.5)), the 99th percentile the 3rd (rank ceil(2.97)).
        RelayOverhead overhead = RelayOverhead.of(new long[] {300_000, -100_000, 200_000});
        assertThat(overhead.p50()).isEqualTo(Duration.ofNanos(200_000));
        assertThat(overhead.p99()).isEqualTo(Duration.ofNanos(300_000));
    }
}
