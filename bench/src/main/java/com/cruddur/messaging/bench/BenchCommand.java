package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.WriteMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: what a message costs, per strategy and traffic shape, on DynamoDB Local. */
@Command(customSynopsis = {"bench [--shapes LIST] [--participants LIST] [--conversations N] [--messages N]",
            "             [--skew SHARE --hot N] [--memory MB] [--concurrency N] [--rounds N]",
            "             [--memory-sizes LIST] [--endpoint URL]"},
        description = {
            """
                    Delivers a synthetic stream of new messages, cut into Lambda batches of each traffic shape,
                    through three strategies, each on a fresh table: the original design (each record on its
                    own: a query, then a delete and a put per row), and the deployed handler on its
                    transactional and on its put-first write path. For each it prints, per message, each column
                    marked as it was obtained:
                      measured  Lambda invocations (counted), DynamoDB requests (counted at the SDK client),
                                read units and plain writes' units (DynamoDB Local's ConsumedCapacity), each
                                invocation's duration (p50, p99)
                      computed  a transaction's write units (CapacityModel: DynamoDB's documented rules;
                                DynamoDB Local's ReturnConsumedCapacity agrees on 18 of CapacityModelIT's 20
                                worked examples, never on a transaction), GB-seconds (the measured
                                durations, rounded up to the millisecond as Lambda bills them, x the function's
                                memory), dollars per million messages (bench/Pricing's on-demand prices)

                    Traffic shapes: sparse (batches of 1-3 records, each conversation at most once), typical
                    (70%% of batches 1-3 records, 25%% 4-10, 5%% 11-50, a fifth of a batch's later messages
                    replying in a conversation already in it), burst (full batches of 100, as under load).

                    --memory-sizes LIST instead measures the handler's duration at each memory size, in a
                    child JVM limited as Lambda limits a function of that size (RAM, processors, CPU share).

                    Requests, and the units of plain requests, are what the same workload sends and consumes on
                    AWS; a transaction's units are the model's, an upper bound (whether DynamoDB doubles its index
                    writes is not documented). Durations are DynamoDB Local's on this machine, so GB-seconds are an
                    upper bound: compare strategies, not absolute figures."""},
        footer = {"examples:",
            "  ./dev bench",
            "  ./dev bench --shapes burst --participants 2 --messages 100 --skew 0.8 --hot 2",
            "  ./dev bench --memory-sizes 512,1024,1769,3008"})
public final class BenchCommand extends LocalBenchCommand {

    @Option(names = "--shapes", paramLabel = "LIST", split = ",", defaultValue = "sparse,typical,burst",
            description = "traffic shapes: sparse, typical, burst (default ${DEFAULT-VALUE})")
    private List<String> shapes;

    @Option(names = "--participants", paramLabel = "LIST", split = ",", defaultValue = "2,5,20",
            description = "participants per conversation, i.e. rows re-created per update (default ${DEFAULT-VALUE})")
    private List<Integer> participants;

    @Option(names = "--conversations", paramLabel = "N", defaultValue = "20",
            description = "conversations (default ${DEFAULT-VALUE})")
    private int conversations;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "200",
            description = "messages in the stream of each workload (default ${DEFAULT-VALUE})")
    private int messages;

    @Option(names = "--skew", paramLabel = "SHARE", defaultValue = "0",
            description = "burst: share of messages that go to the hot conversations, 0..1 (default ${DEFAULT-VALUE})")
    private double skew;

    @Option(names = "--hot", paramLabel = "N", defaultValue = "2",
            description = "burst: number of hot conversations when --skew is given (default ${DEFAULT-VALUE})")
    private int hot;

    @Option(names = "--memory", paramLabel = "MB", description = "the function's memory for GB-seconds (default: the stack's, "
            + DeploymentContract.FUNCTION_MEMORY_MB + ")")
    private Integer memory;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "" + DeploymentContract.Defaults.MAX_CONCURRENCY,
            description = "conversations updated at once by the handler (default ${DEFAULT-VALUE}, as deployed)")
    private int concurrency;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "1", description = "measured rounds per strategy,"
            + " after a warm-up; the median round's durations are printed (default ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--memory-sizes", paramLabel = "LIST", split = ",",
            description = "measure the handler at these memory sizes (MB) instead, e.g. 512,1024,1769,3008")
    private List<Integer> memorySizes;

    @Override
    protected void check() {
        within("--conversations", conversations, 3, 100_000);
        within("--messages", messages, 1, 1_000_000);
        within("--concurrency", concurrency, 1, 256);
        within("--rounds", rounds, 1, 100);
        within("--memory", memory == null ? DeploymentContract.FUNCTION_MEMORY_MB : memory, 128, 10_240);
        if (skew < 0 || skew > 1) {
            throw usageError("option --skew must be between 0 and 1, got " + skew);
        }
        within("--hot", hot, 1, conversations);
        participants.forEach(p -> within("--participants", p, 2, 1_000));
        shapes.forEach(this::shape);
        if (memorySizes != null) {
            memorySizes.forEach(m -> within("--memory-sizes", m, 128, 10_240));
        }
    }

    @Override
    protected ExitCode run(Io io, Target target) {
        List<TrafficShape> chosen = shapes.stream().map(this::shape).toList();
        if (memorySizes != null) {
            return memorySweep(io, target, chosen.getFirst(), participants.getFirst());
        }
        int memoryMb = memory == null ? DeploymentContract.FUNCTION_MEMORY_MB : memory;
        Benchmark bench = new Benchmark(target.endpoint(), concurrency);
        io.out().println("DynamoDB Local at " + target.endpoint() + " · handler concurrency " + concurrency
                + " · memory " + memoryMb + " MB · prices " + Pricing.REGION + " as of " + Pricing.CHECKED
                + " · JVM " + Runtime.version() + " · " + Runtime.getRuntime().availableProcessors() + " cores");
        warmUp(io, bench);
        for (TrafficShape shape : chosen) {
            io.out().println();
            io.out().printf("%s traffic (%s): %d messages to %d conversations%s%n", shape.label(), shape.description(),
                    messages, conversations, shape == TrafficShape.BURST && skew > 0
                            ? String.format(Locale.ROOT, ", %.0f%% to %d hot", skew * 100, hot) : "");
            header(io.out(), true);
            for (int p : participants) {
                Workload workload = workload(shape, p);
                for (Strategy strategy : Strategy.values()) {
                    io.err().println("… " + shape.label() + ", " + p + " participants: " + strategy.label());
                    List<Benchmark.Result> runs = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        runs.add(bench.run(strategy, workload, shape));
                    }
                    row(io.out(), p, median(runs), memoryMb);
                }
            }
        }
        return ExitCode.OK;
    }

    private Workload workload(TrafficShape shape, int participantsEach) {
        boolean skewed = shape == TrafficShape.BURST && skew > 0;
        return new Workload(conversations, participantsEach, messages, DeploymentContract.BATCH_SIZE,
                skewed ? skew : 0, skewed ? hot : 0, 42);
    }

    /** One small run of each strategy first, so that the measured ones run on a warm JIT. */
    private void warmUp(Io io, Benchmark bench) {
        io.err().println("… warming up");
        Workload small = new Workload(conversations, 2, Math.min(messages, 100), DeploymentContract.BATCH_SIZE, 0, 0, 7);
        for (Strategy strategy : Strategy.values()) {
            bench.run(strategy, small, TrafficShape.TYPICAL);
        }
    }

    private static void header(PrintStream out, boolean transactions) {
        out.printf("  %5s %-13s %8s %8s %8s %21s %7s %7s %10s   %s%n", "group", "strategy", "inv/msg", "req/msg",
                "RRU/msg", "WRU/msg (tbl + idx)", "p50 ms", "p99 ms", "GB-s/msg", "$ per million messages: DynamoDB + Lambda = total");
        out.printf("  %5s %-13s %8s %8s %8s %21s %7s %7s %10s   %s%n", "", "", "measured", "measured", "measured",
                transactions ? "measured; txn: model" : "measured", "measured", "measured", "computed", "computed (Pricing)");
    }

    private static void row(PrintStream out, int participantsEach, Benchmark.Result r, int memoryMb) {
        double dynamo = r.dynamoDbDollarsPerMillion();
        double lambda = r.durations().lambdaDollarsPerMillion(memoryMb);
        out.printf(Locale.ROOT, "  %5d %-13s %8.3f %8.2f %8.3f %8.2f (%5.2f +%5.2f) %7.1f %7.1f %10.5f   %.2f + %.2f = %.2f%n",
                participantsEach, r.strategy().label(), r.invocationsPerMessage(), r.requestsPerMessage(),
                r.readUnitsPerMessage(), r.writeUnitsPerMessage(), r.units().tableWrite() / r.messages(),
                r.units().indexWrite() / r.messages(), r.durations().percentileMillis(50),
                r.durations().percentileMillis(99), r.durations().gbSecondsPerMessage(memoryMb), dynamo, lambda, dynamo + lambda);
    }

    private ExitCode memorySweep(Io io, Target target, TrafficShape shape, int participantsEach) {
        MemorySweep sweep = new MemorySweep(target.endpoint());
        boolean cpu = MemorySweep.canLimitCpu();
        io.out().printf("handler at each memory size: %s traffic, %d messages to %d conversations of %d; child JVMs with "
                        + "-XX:MaxRAM and -XX:ActiveProcessorCount%s; prices %s as of %s%n", shape.label(), messages,
                conversations, participantsEach, cpu ? " and Lambda's CPU share (cgroup cpu quota)"
                        : " (no CPU quota: this machine does not let the benchmark set one, so small sizes look faster than on Lambda)",
                Pricing.REGION, Pricing.CHECKED);
        io.out().printf("  %6s %6s %-13s %7s %7s %10s   %s%n", "MB", "vCPU", "write path", "p50 ms", "p99 ms",
                "GB-s/msg", "Lambda $ per million messages");
        io.out().printf("  %6s %6s %-13s %7s %7s %10s   %s%n", "", "", "", "measured", "measured", "computed",
                "computed (Pricing)");
        for (int memoryMb : memorySizes) {
            for (WriteMode mode : WriteMode.values()) {
                io.err().println("… " + memoryMb + " MB, " + mode.value());
                MemorySweep.Sample s = sweep.measure(memoryMb, mode, shape, conversations, participantsEach, messages);
                io.out().printf(Locale.ROOT, "  %6d %6.2f %-13s %7.1f %7.1f %10.5f   %.2f%n", memoryMb, s.vcpus(),
                        mode.value(), s.durations().percentileMillis(50), s.durations().percentileMillis(99),
                        s.durations().gbSecondsPerMessage(memoryMb), s.durations().lambdaDollarsPerMillion(memoryMb));
            }
        }
        return ExitCode.OK;
    }

    private TrafficShape shape(String name) {
        return Arrays.stream(TrafficShape.values()).filter(s -> s.label().equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> usageError("option --shapes: unknown shape '" + name
                        + "' (sparse, typical, burst)"));
    }

    private static Benchmark.Result median(List<Benchmark.Result> results) {
        List<Benchmark.Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Benchmark.Result::messagesPerSecond));
        return sorted.get(sorted.size() / 2);
    }
}
