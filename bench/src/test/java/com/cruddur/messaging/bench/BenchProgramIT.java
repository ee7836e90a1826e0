package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.ops.Program;
import com.cruddur.messaging.ops.Style;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The measurement rig's program, run in-process as {@code ./dev bench|coldstart|reconcile-bench} runs it. */
class BenchProgramIT {

    private record Run(int code, String out, String err) {
    }

    private static Run bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Program.run(BenchCommands.DEFINITION, args, o, e, Style.ASCII);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheThreeMeasurements() {
        Run run = bench("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("messaging-bench: ").contains("  bench ").contains("  coldstart ")
                .contains("  reconcile-bench ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bench", "coldstart", "reconcile-bench", "soak"})
    void everyMeasurementHasHelpWithItsUsage(String command) {
        Run run = bench(command, "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("usage: messaging-bench " + command).contains("./dev " + command);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void benchHelpMarksEveryColumnMeasuredOrComputed() {
        Run run = bench("bench", "--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("measured  ").contains("computed  ")
                .contains("agrees on 18 of CapacityModelIT's 20").doesNotContain("as DynamoDB Local reports them");
    }

    @Test
    void aBadOptionIsReportedBeforeDynamoDbLocalStarts() {
        Run run = bench("bench", "--conversations", "1");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("option --conversations must be between 3 and 100000, got 1");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void awsIsRefusedByTheProgram() {
        Run run = bench("reconcile-bench", "--aws");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--aws");
    }

    @Test
    void reconcileBenchRunsOnAnEmbeddedDynamoDbLocal() {
        Run run = bench("reconcile-bench", "--items", "500", "--segments", "1,2", "--rounds", "1");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("DynamoDB Local at http://127.0.0.1:").contains("table of 500 items");
        // One line per segment count: 100 conversations, one in a hundred behind: 1 to fix.
        assertThat(run.out().lines().filter(l -> l.matches("[12] +\\d+ .* 1")).count()).isEqualTo(2);
    }

    @Test
    void benchMeasuresEveryStrategyOfASmallWorkload() {
        Run run = bench("bench", "--shapes", "sparse", "--participants", "2", "--conversations", "3",
                "--messages", "6");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("sparse traffic").contains("measured").contains("computed (Pricing)");
        for (Strategy strategy : Strategy.values()) {
            assertThat(run.out()).contains(" " + strategy.label() + " ");
        }
    }
}
