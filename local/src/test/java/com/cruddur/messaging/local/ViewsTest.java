package com.cruddur.messaging.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.ops.HandlerReport;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport.SkipReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewsTest {

    private static final Style STYLE = Style.UNICODE;

    @Test
    void theHandlerLineCountsEverythingAndShowsTheBatchItemFailures() {
        Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        skipped.put(SkipReason.REMOVE, 1);
        StreamsEventResponse response = new StreamsEventResponse(
                List.of(new StreamsEventResponse.BatchItemFailure("200")));
        InvocationReport report = new InvocationReport(3, 2, skipped, List.of(),
                List.of(new GroupOutcome("g1", "e1", "100", 0, 2, 0, 0, 1, 1, null),
                        new GroupOutcome("g2", "e2", "200", 1, 0, 0, 0, 0, 6, "Throttled")),
                response, Duration.ofMillis(12));

        assertThat(HandlerReport.line(report, STYLE)).isEqualTo("handler: 2 processed · 1 skipped (REMOVE 1) · "
                + "1 group updated · 2 rows re-created · 1 stale · 1 failed · batchItemFailures: [\"200\"]");
        assertThat(HandlerReport.problems(report, STYLE))
                .containsExactly("failed: conversation g2 (sequence 200, 6 attempts): Throttled");
    }

    @Test
    void textFromTheTableCannotDriveTheTerminal() {
        // An escape sequence that would clear the screen, and a right-to-left override.
        assertThat(STYLE.clip("a\u001B[2Jb\u202Ec\u0007", 40)).isEqualTo("a\\u001B[2Jb\\u202Ec\\u0007");
    }

    @Test
    void sortKeysAreShownToTheSecondAndLongTextIsClipped() {
        assertThat(Views.time("2026-11-21T12:00:00.000000+00:00")).isEqualTo("2026-11-21T12:00:00");
        assertThat(Views.time("not-a-time")).isEqualTo("not-a-time");
        assertThat(STYLE.clip("a\nb   c", 10)).isEqualTo("a b c");
        assertThat(STYLE.clip("x".repeat(20), 10)).isEqualTo("x".repeat(9) + "…");
        assertThat(STYLE.clip("x".repeat(10), 10)).isEqualTo("x".repeat(10));
        assertThat(STYLE.clip("👋🏽👋🏽👋🏽", 2)).isEqualTo("👋…");
        assertThat(Style.ASCII.shortId("90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11")).isEqualTo("90b2a6d4...");
    }
}
