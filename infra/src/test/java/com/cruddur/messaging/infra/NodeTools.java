package com.cruddur.messaging.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The infra tests' third-party tools, pinned in {@code infra/package.json} and installed by
 * {@code infra/npm-ci-if-stale} (npm ci, only when the lock file changed): node scripts under
 * {@code src/test/node} and the cfn-guard binary shipped in {@code @cdklabs/cdk-validator-cfnguard}.
 */
final class NodeTools {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path NODE_MODULES = Path.of("node_modules");
    static final Path SCRIPTS = Path.of("src", "test", "node");
    static final Path WORK = Path.of("target", "node-tools");

    private static boolean installed;

    private NodeTools() {
    }

    /** Installs the pinned tools if they are missing or stale; once per test JVM. */
    static synchronized void ensureInstalled() {
        if (!installed) {
            run(List.of("bash", "npm-ci-if-stale"), Path.of("target", "npm-ci.log"));
            installed = true;
        }
    }

    /**
     * Runs {@code node src/test/node/SCRIPT INPUT OUTPUT} on a JSON input and returns its JSON output.
     *
     * @param name a name for the input and output files under {@code target/node-tools}
     */
    static JsonNode node(String script, String name, Object input) {
        ensureInstalled();
        try {
            Files.createDirectories(WORK);
            Path in = WORK.resolve(name + "-input.json");
            Path out = WORK.resolve(name + "-output.json");
            Files.deleteIfExists(out);
            JSON.writerWithDefaultPrettyPrinter().writeValue(in.toFile(), input);
            run(List.of("node", SCRIPTS.resolve(script).toString(), in.toString(), out.toString()),
                    WORK.resolve(name + ".log"));
            return JSON.readTree(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cfn-guard binary of {@code @cdklabs/cdk-validator-cfnguard} for this machine. */
    static Path cfnGuard() {
        ensureInstalled();
        String os = System.getProperty("os.name").toLowerCase().contains("mac") ? "macos" : "ubuntu";
        String arch = System.getProperty("os.arch").matches("aarch64|arm64") ? "aarch64" : "x86_64";
        return NODE_MODULES.resolve("@cdklabs/cdk-validator-cfnguard/bin").resolve(os).resolve(arch).resolve("cfn-guard");
    }

    /** The AWS Control Tower proactive-control rules shipped in the same package. */
    static Path controlTowerRules() {
        ensureInstalled();
        return NODE_MODULES.resolve("@cdklabs/cdk-validator-cfnguard/rules/control-tower/cfn-guard");
    }

    /**
     * Runs a command in {@code infra/}, its output to {@code log}.
     *
     * @return the exit status
     * @throws IllegalStateException if it cannot start or does not finish within five minutes
     */
    static int exec(List<String> command, Path log) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 5 minutes; see " + log);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + " (is Node.js installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** {@link #exec}, failing with the command's output unless it exits 0. */
    static void run(List<String> command, Path log) {
        int status = exec(command, log);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ":\n" + read(log));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
