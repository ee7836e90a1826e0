package com.cruddur.messaging.bench;

import com.cruddur.messaging.local.EmbeddedTargets;
import com.cruddur.messaging.ops.Program;
import com.cruddur.messaging.ops.Subcommand;
import java.util.List;

/**
 * The measurement rig, {@code messaging-bench} ({@code ./dev bench|coldstart|reconcile-bench|soak}): each
 * command on DynamoDB Local, embedded or at {@code --endpoint}; none accepts {@code --aws}.
 */
public final class BenchCommands {

    public static final String PROGRAM = "messaging-bench";

    /** The benchmarks, in the order {@code --help} lists them. */
    public static final List<Subcommand> ALL = List.of(
            Subcommand.of("bench", "benchmark: capacity, requests and cost per message of each write strategy, on DynamoDB Local",
                    BenchCommand.class),
            Subcommand.of("coldstart", "the Lambda jar's cold start in fresh JVMs: time to the response, classes loaded",
                    ColdStartCommand.class),
            Subcommand.of("reconcile-bench", "benchmark: reconcile's scan rate by segments, on DynamoDB Local",
                    ReconcileBenchCommand.class),
            Subcommand.of("soak", "the local pipeline under a steady write rate; every conversation checked at the end",
                    SoakCommand.class));

    /** The program. */
    public static final Program.Definition DEFINITION = new Program.Definition(PROGRAM,
            "measure the handler and the tools on DynamoDB Local (BENCHMARKS.md has the figures)", ALL,
            new EmbeddedTargets());

    private BenchCommands() {
    }
}
