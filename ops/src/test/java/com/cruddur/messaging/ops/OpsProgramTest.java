package com.cruddur.messaging.ops;

import static com.cruddur.messaging.ops.OpsRun.ops;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ops tool's own program: its commands, and what it refuses before it touches anything. */
class OpsProgramTest {

    @Test
    void helpListsTheOperatorsCommandsAndNoDeveloperCommand() {
        OpsRun run = ops("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("messaging-ops: ")
                .contains("  redrive ", "  reconcile ", "  doctor ", "--aws", "exit status:")
                .doesNotContain("  replay ", "  watch ", "(default)");
    }

    @Test
    void aCommandWithoutATargetIsToldToNameOneInOneLine() {
        OpsRun run = ops("reconcile");

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly("messaging-ops reconcile: give --aws for the real table, or --endpoint"
                + " URL of a running DynamoDB Local (this tool starts none of its own)");
    }

    @Test
    void aDeveloperCommandIsUnknownHere() {
        OpsRun run = ops("seed");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly("messaging-ops: unknown command 'seed' (see --help)",
                "commands: redrive, reconcile, doctor");
    }

    @Test
    void usageLinesNameTheOpsTool() {
        OpsRun run = ops("redrive", "--frob");

        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(1)).startsWith("usage: messaging-ops redrive (--aws | --endpoint URL)");
    }

    @Test
    void versionNamesTheHandlerAndLeavesOutWhatTheJarDoesNotHold() {
        OpsRun run = ops("--version");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("messaging-ops ").contains("MessageGroupStreamHandler", "AWS SDK 2.")
                .doesNotContain("DynamoDB Local", "s3proxy", "${");
    }
}
