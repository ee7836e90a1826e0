package com.cruddur.messaging.bench;

import com.cruddur.messaging.bench.soak.Soak;
import com.cruddur.messaging.bench.soak.SoakFigures;
import com.cruddur.messaging.bench.soak.SoakSettings;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code soak}: the whole local pipeline under a steady write rate, then every conversation checked. */
@Command(customSynopsis = {"soak [--endpoint URL] --rate R --minutes M [--conversations N] [--faults RATE]"},
        description = {
            """
                    Writes as the Cruddur app would (users in conversations of two to six people; of the writes,
                    80%% new messages, 12%% edits of a conversation's newest message, 8%% deletions of an earlier
                    one) at R writes per second for M minutes, while the local mapping (the stream poller and the
                    deployed delivery semantics, failure objects to an embedded s3proxy) invokes the handler on
                    the same table in this JVM. Every 10 s: writes and their rate, writes applied, end-to-end
                    latency from the write to its conversation's rows updated (p50, p99, measured in-process), the
                    iterator age (now minus the write time of the newest record delivered) and this JVM's heap
                    (MemoryMXBean's used heap, and what the last collection left).

                    Then it waits for the stream to drain, redrives what the mapping gave up on (the ops tool's
                    redrive) and checks every conversation of the run with reconcile's diff. Exit status 0 only
                    when every conversation's rows are at its newest message; 10 when some are not (named by id).
                    The verdict: the rate is sustained when the iterator age is flat (slope under 0.02 s/s) over
                    the last half of the run.

                    --faults RATE fails that share of the handler's DynamoDB requests with a transient fault
                    (throttling, a 500, an attempt timeout) at the SDK client's seam. Without --endpoint DynamoDB
                    Local runs in this JVM (its heap counts); with it, the table cruddur-messages is created from
                    the schema when missing and left in place."""},
        footer = {"examples:", "  ./dev soak --rate 20 --minutes 2",
            "  ./dev soak --endpoint http://localhost:8000 --rate 50 --minutes 10 --faults 0.05"})
public final class SoakCommand extends LocalBenchCommand {

    private double rate;
    private double minutes;
    private int conversations;
    private double faults;

    // Each option is checked where picocli sets it (picocli's "validation in setter methods"), so a bad
    // value is a usage error before DynamoDB Local starts.
    @Option(names = "--rate", paramLabel = "R", required = true, description = "writes per second, 0.1-10000")
    void rate(double value) {
        rate = between("--rate", value, 0.1, 10_000);
    }

    @Option(names = "--minutes", paramLabel = "M", required = true, description = "how long the app writes, 0.1-1440")
    void minutes(double value) {
        minutes = between("--minutes", value, 0.1, 1440);
    }

    @Option(names = "--conversations", paramLabel = "N", defaultValue = "200",
            description = "conversations the app writes to, 1-100000 (default ${DEFAULT-VALUE})")
    void conversations(int value) {
        conversations = within("--conversations", value, 1, 100_000);
    }

    @Option(names = "--faults", paramLabel = "RATE", defaultValue = "0",
            description = "share of the handler's DynamoDB requests failed with a transient fault, 0-0.5 (default 0)")
    void faults(double value) {
        faults = between("--faults", value, 0, 0.5);
    }

    @Override
    protected void check() {
        // nothing left: the setters above checked every option as it was parsed
    }

    @Override
    protected ExitCode run(Io io, Target target) {
        SoakSettings settings = SoakSettings.of(rate, Duration.ofMillis(Math.round(minutes * 60_000)), conversations, faults);
        try {
            SoakFigures figures = new Soak(target, settings, io.out(), io.err()).run();
            figures.lines(rate).forEach(io.out()::println);
            return Soak.exitCode(figures);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.BUG;
        }
    }

    private double between(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw usageError("option " + option + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
