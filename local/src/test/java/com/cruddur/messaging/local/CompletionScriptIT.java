package com.cruddur.messaging.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shell completion script the build generates (target/messaging-local_completion, at package)
 * loads in bash and completes the commands and their options, for messaging-local and for ./dev.
 */
class CompletionScriptIT {

    private static final Path SCRIPT = Path.of("target", "messaging-local_completion");

    @Test
    void theGeneratedScriptLoadsInBashAndCompletesCommandsOptionsAndValues() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        assertThat(SCRIPT).as("generated at package by exec-maven-plugin").isRegularFile();

        String out = bash("""
                source %s
                complete -p messaging-local
                complete -F _complete_messaging-local -o default ./dev
                complete_at() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
                                _complete_messaging-local 2>/dev/null; echo "${COMPREPLY[*]}"; }
                complete_at ./dev rep
                complete_at ./dev watch --from ''
                complete_at messaging-local drop --y
                """.formatted(SCRIPT));

        assertThat(out.lines()).containsExactly(
                "complete -o default -F _complete_messaging-local messaging-local",
                "replay",
                "trim-horizon latest",
                "--yes");
    }

    private static String bash(String script) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("/bin/bash", "--norc", "--noprofile", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        return out;
    }
}
