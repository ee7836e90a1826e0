package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code coldstart}'s probe processes are read without blocking and never waited on forever. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ColdStartProbeRunTest {

    private static ProcessBuilder shell(String script) {
        return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    }

    @Test
    void aProbeThatNeverAnswersIsStoppedAfterItsTimeoutAndItsLastLineReported() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> ProbeProcess.run(shell("echo starting; exec sleep 120"), Duration.ofSeconds(1),
                "lambda"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.MEASUREMENT_FAILED))
                .hasMessage("the probe JVM did not answer within 1 s (lambda); stopped it. Its last line: starting");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void theFiguresLineIsTakenFromWhateverElseTheProbePrints() throws Exception {
        ProbeProcess.Output output = ProbeProcess.run(
                shell("echo a warning first; echo construct=12 invoke=34 failures=0; echo and after"),
                Duration.ofSeconds(30), "lambda");

        assertThat(output.figures()).isEqualTo("construct=12 invoke=34 failures=0");
        assertThat(output.atMs()).isNotNegative();
    }

    @Test
    void aProbeThatFailsIsReportedWithItsExitStatusAndLastLine() {
        assertThatThrownBy(() -> ProbeProcess.run(shell("echo boom; exit 3"), Duration.ofSeconds(30), "full-jit"))
                .isInstanceOf(CliException.class)
                .hasMessage("the probe JVM did not answer (full-jit, exit 3); its last line: boom");
    }
}
