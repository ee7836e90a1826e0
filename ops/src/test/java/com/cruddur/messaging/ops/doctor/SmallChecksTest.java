package com.cruddur.messaging.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.doctor.FailureObjectsCheck.FailureObject;
import com.cruddur.messaging.ops.doctor.Verdict.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The failure-objects and node verdicts, and the report's lines, summary and exit status. */
class SmallChecksTest {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void failureObjectsWaitingWarnWithTheirCountTheOldestsAgeAndTheRedriveCommand() {
        List<FailureObject> objects = List.of(
                new FailureObject("aws/lambda/esm/a", Instant.parse("2026-12-04T20:00:00Z")),
                new FailureObject("aws/lambda/esm/b", Instant.parse("2026-12-06T08:30:00Z")),
                new FailureObject("aws/lambda/esm/c", Instant.parse("2026-12-07T08:59:00Z")));

        Verdict verdict = FailureObjectsCheck.verdict(Lookup.found(objects), NOW);

        assertThat(verdict.status()).isEqualTo(Status.WARN);
        assertThat(verdict.found()).startsWith("3 failure objects waiting, the oldest 2 d 13 h old (2026-12-04T20:00:00Z)");
        assertThat(verdict.fix()).contains("./dev redrive --aws");
    }

    @Test
    void noFailureObjectNoBucketOrNotWiredYet() {
        assertThat(FailureObjectsCheck.verdict(Lookup.found(List.of()), NOW).status()).isEqualTo(Status.OK);
        assertThat(FailureObjectsCheck.verdict(Lookup.missing(), NOW).found()).contains("no failure bucket yet");
        Verdict notWired = FailureObjectsCheck.verdict(Lookup.notChecked("a local run lists the failure bucket given by --s3-endpoint and --bucket"), NOW);
        assertThat(notWired.status()).isEqualTo(Status.SKIP);
        assertThat(notWired.found()).contains("--s3-endpoint and --bucket");
        assertThat(FailureObjectsCheck.verdict(new Lookup.Failed<>("S3", "AccessDenied", true), NOW).fix())
                .contains("s3:ListBucket");
    }

    @Test
    void agesAreShortForPeople() {
        assertThat(FailureObjectsCheck.age(Duration.ofSeconds(30))).isEqualTo("less than a minute");
        assertThat(FailureObjectsCheck.age(Duration.ofMinutes(40))).isEqualTo("40 min");
        assertThat(FailureObjectsCheck.age(Duration.ofMinutes(5 * 60 + 12))).isEqualTo("5 h 12 min");
        assertThat(FailureObjectsCheck.age(Duration.ofHours(76))).isEqualTo("3 d 4 h");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "v22.11.0,  OK",
        "v24.1.0,   OK",
        "v21.7.3,   WARN",
        "v20.20.2,  WARN",
        "v18.20.4,  FAIL",
        "not node,  FAIL",
    })
    void nodeIsJudgedByItsMajorVersion(String output, Status expected) {
        assertThat(NodeCheck.verdict(Lookup.found(output)).status()).isEqualTo(expected);
    }

    @Test
    void noNodeOrABrokenOneFails() {
        Verdict missing = NodeCheck.verdict(Lookup.missing());
        assertThat(missing.status()).isEqualTo(Status.FAIL);
        assertThat(missing.fix()).contains("install Node.js 22");
        assertThat(NodeCheck.verdict(new Lookup.Failed<>("node", "exit status 1", false)).found())
                .isEqualTo("node --version failed (exit status 1)");
    }

    @Test
    void aLineHasTheStatusTheCheckWhatWasFoundAndTheFix() {
        assertThat(Report.line(Verdict.fail("table", "t not found", "check --table"), Style.UNICODE))
                .isEqualTo("fail  table            t not found · fix: check --table");
        assertThat(Report.line(Verdict.ok("node", "Node.js v22.11.0 for the CDK CLI"), Style.ASCII))
                .isEqualTo("ok    node             Node.js v22.11.0 for the CDK CLI");
    }

    @Test
    void theWorstVerdictSetsTheExitStatusAndASkipCountsAsOk() {
        Verdict ok = Verdict.ok("a", "fine");
        Verdict skip = Verdict.skip("b", "not here");
        Verdict warn = Verdict.warn("c", "hm", "look");
        Verdict fail = Verdict.fail("d", "no", "fix it");

        assertThat(Report.exitCode(List.of(ok, skip))).isEqualTo(ExitCode.OK);
        assertThat(Report.exitCode(List.of(ok, warn, skip))).isEqualTo(ExitCode.PREFLIGHT_WARNINGS);
        assertThat(Report.exitCode(List.of(fail, warn, ok))).isEqualTo(ExitCode.PREFLIGHT_FAILED);
        assertThat(Report.summary(List.of(ok, skip, warn, fail, fail))).isEqualTo("doctor: 1 ok, 1 skipped, 1 warning, 2 failures");
    }

    @Test
    void aWarningOrAFailureWithoutAFixIsRefused() {
        assertThatThrownBy(() -> Verdict.fail("x", "broken", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.warn("x", "odd", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
