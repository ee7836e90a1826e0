package com.cruddur.messaging.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakFiguresTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aGrowingBacklogIsNotSustainedAndAFlatOneIs() {
        List<SoakLedger.AgeSample> growing = new ArrayList<>();
        List<SoakLedger.AgeSample> flat = new ArrayList<>();
        for (int t = 0; t <= 100; t++) {
            // Half a second of age gained per second: the writer is ahead of the mapping.
            growing.add(new SoakLedger.AgeSample(t * SECOND, t * SECOND / 2));
            flat.add(new SoakLedger.AgeSample(t * SECOND, (t % 2 == 0 ? 200 : 400) * 1_000_000L));
        }

        assertThat(SoakFigures.slope(growing, 0, 100 * SECOND)).isCloseTo(0.5, within(1e-9));
        assertThat(SoakFigures.slope(flat, 0, 100 * SECOND)).isCloseTo(0, within(0.001));
        assertThat(figures(SoakFigures.slope(growing, 0, 100 * SECOND)).sustained(1)).isFalse();
        assertThat(figures(SoakFigures.slope(flat, 0, 100 * SECOND)).sustained(1)).isTrue();
        assertThat(figures(SoakFigures.slope(flat, 0, 100 * SECOND)).sustained(2)).as("written at half the rate").isFalse();
        assertThat(figures(SoakFigures.slope(flat.subList(0, 2), 0, 100 * SECOND)).sustained(1)).as("no samples").isFalse();
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = (i + 1) * 1_000_000L;
        }
        assertThat(SoakFigures.percentileMillis(sorted, 0.50)).isEqualTo(50);
        assertThat(SoakFigures.percentileMillis(sorted, 0.99)).isEqualTo(99);
        assertThat(SoakFigures.percentileMillis(new long[0], 0.99)).isZero();
    }

    @Test
    void theReportNamesWrongConversationsByIdOnly() {
        SoakFigures figures = new SoakFigures(60, 50, 5, 3, 0, 0, 55, 100, 300, 0.5, 0.001, 100, 40, 0, 0, 0, 0, 7,
                Map.of("5ae290ed-55d1-47a0-bc6d-fe2bc2700399", "behind"));

        assertThat(String.join("\n", figures.lines(1))).contains("7 conversations checked with reconcile's diff, 1 wrong: "
                + "[5ae290ed-55d1-47a0-bc6d-fe2bc2700399 (behind)]").contains("58 writes in 60 s");
        assertThat(Soak.exitCode(figures).code()).isEqualTo(10);
    }

    private static SoakFigures figures(double slope) {
        return new SoakFigures(60, 60, 0, 0, 0, 0, 60, 1, 1, 1, slope, 1, 1, 0, 0, 0, 0, 1, Map.of());
    }
}
