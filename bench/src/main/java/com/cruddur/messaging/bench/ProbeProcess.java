package com.cruddur.messaging.bench;

import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Style;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A cold-start probe's JVM ({@link ColdStartProbe}): started, waited for with a time limit, its figures line read. */
final class ProbeProcess {

    /**
     * What a probe process printed.
     *
     * @param figures its figures line ({@code construct=... invoke=... failures=...})
     * @param atMs    when that line came, in milliseconds after the process was started
     */
    record Output(String figures, long atMs) {
    }

    /**
     * Starts a probe process and waits at most {@code timeout} for it to end. Its output is read on
     * another thread: a probe that hangs without printing or exiting would otherwise block the read,
     * and with it the whole command, forever. A probe past its time is killed.
     *
     * @throws CliException (exit 1) if the probe did not end in time, failed, or printed no figures line
     */
    static Output run(ProcessBuilder builder, Duration timeout, String variant) throws IOException {
        long start = System.nanoTime();
        Process process = builder.start();
        String[] figures = {null};
        long[] figuresAt = {-1};
        String[] last = {""};
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (last) {
                        last[0] = line;
                        if (line.startsWith("construct=") && figures[0] == null) {
                            figuresAt[0] = (System.nanoTime() - start) / 1_000_000;
                            figures[0] = line;
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed and its output closed under the reader: nothing more to read.
            }
        });
        try {
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // The output ends with the process; a bounded wait all the same.
            reader.join(Duration.ofSeconds(10));
            synchronized (last) {
                if (!ended) {
                    throw new CliException(ExitCode.MEASUREMENT_FAILED, "the probe JVM did not answer within "
                            + timeout.toSeconds() + " s (" + variant + "); stopped it. Its last line: "
                            + Style.firstLine(last[0]));
                }
                if (figures[0] == null || process.exitValue() != 0) {
                    throw new CliException(ExitCode.MEASUREMENT_FAILED, "the probe JVM did not answer (" + variant
                            + ", exit " + process.exitValue() + "); its last line: " + Style.firstLine(last[0]));
                }
                return new Output(figures[0], figuresAt[0]);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.MEASUREMENT_FAILED, "interrupted");
        }
    }

    private ProbeProcess() {
    }
}
