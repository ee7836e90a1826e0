package com.cruddur.messaging.local.bench;

import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.local.CliCommand;
import com.cruddur.messaging.local.ExitCode;
import com.cruddur.messaging.local.Target;
import com.cruddur.messaging.local.LocalEndpointOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: the handler against the original design's strategy, on DynamoDB Local. */
@Command(name = BenchCommand.NAME,
        customSynopsis = {"messaging-local bench [--conversations N] [--participants N] [--messages N]",
            "                             [--batch-size N] [--skew SHARE --hot N] [--concurrency N] [--rounds N]",
            "                             [--endpoint URL]"},
        description = {BenchCommand.SUMMARY, "",
            """
                    Replays a synthetic stream of new messages through the deployed handler and through the
                    original design's strategy (each record on its own: a query, then a delete and a put per
                    row, in sequence), each on a fresh table, and prints for both: messages/s, DynamoDB
                    requests per message and per batch by operation, p50/p99 batch latency, and the ratio.

                    Without workload options it runs two workloads: the default (10 two-person conversations,
                    100 messages, batches of 100) and a skewed one (80%% of the messages to 2 conversations).
                    With any of --conversations, --participants, --messages, --batch-size, --skew, --hot it runs
                    that one workload.

                    Figures are DynamoDB Local's on this machine: compare the two strategies, not the numbers
                    with AWS."""},
        footer = {"example:",
            "  ./dev bench",
            "  ./dev bench --conversations 50 --messages 1000 --batch-size 100 --skew 0.9 --hot 3"})
public final class BenchCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "bench";
    public static final String SUMMARY = "benchmark: the handler against the original per-record strategy, on DynamoDB Local";

    @Option(names = "--conversations", paramLabel = "N", description = "conversations (default 10)")
    private Integer conversations;

    @Option(names = "--participants", paramLabel = "N", description = "rows per conversation (default 2)")
    private Integer participants;

    @Option(names = "--messages", paramLabel = "N", description = "messages in the stream (default 100)")
    private Integer messages;

    @Option(names = "--batch-size", paramLabel = "N", description = "records per invocation (default 100)")
    private Integer batchSize;

    @Option(names = "--skew", paramLabel = "SHARE",
            description = "share of messages that go to the hot conversations, 0..1 (default 0)")
    private Double skew;

    @Option(names = "--hot", paramLabel = "N", description = "number of hot conversations (default 2 when --skew is given)")
    private Integer hot;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "conversations updated at once by the handler (default ${DEFAULT-VALUE}, as deployed)")
    private int concurrency;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "measured rounds per strategy,"
            + " after one warm-up; the median round (by messages/s) is printed (default ${DEFAULT-VALUE})")
    private int rounds;

    @Mixin
    private LocalEndpointOption where;

    @Override
    protected ExitCode run(Io io) {
        within("--concurrency", concurrency, 1, 256);
        within("--rounds", rounds, 1, 100);
        List<Workload> workloads = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        if (Stream.of(conversations, participants, messages, batchSize, skew, hot).anyMatch(Objects::nonNull)) {
            double share = skew == null ? 0 : skew;
            if (share < 0 || share > 1) {
                throw usageError("option --skew must be between 0 and 1, got " + share);
            }
            Workload w = new Workload(
                    within("--conversations", conversations == null ? 10 : conversations, 1, 100_000),
                    within("--participants", participants == null ? 2 : participants, 2, 1_000),
                    within("--messages", messages == null ? 100 : messages, 1, 10_000_000),
                    within("--batch-size", batchSize == null ? 100 : batchSize, 1, 10_000),
                    share,
                    share > 0 ? within("--hot", hot == null ? 2 : hot, 1, 100_000) : 0,
                    42);
            if (w.hotConversations() > w.conversations()) {
                throw usageError("option --hot must not exceed --conversations");
            }
            workloads.add(w);
            titles.add("custom workload");
        } else {
            workloads.add(Workload.defaults());
            titles.add("default workload");
            workloads.add(Workload.skewed());
            titles.add("skewed workload");
        }
        try (Target target = Target.open(where.spec())) {
            Benchmark bench = new Benchmark(target.endpoint(), concurrency);
            io.out().println("DynamoDB Local at " + target.endpoint() + " · handler concurrency " + concurrency
                    + " · " + rounds + " measured round(s) after a warm-up · JVM " + Runtime.version()
                    + " · " + Runtime.getRuntime().availableProcessors() + " cores");
            for (int i = 0; i < workloads.size(); i++) {
                Workload w = workloads.get(i);
                io.err().println("… " + titles.get(i) + ": warming up");
                bench.handler(w);
                bench.baseline(w);
                List<Benchmark.Result> handler = new ArrayList<>();
                List<Benchmark.Result> baseline = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    io.err().println("… " + titles.get(i) + ": round " + r + "/" + rounds);
                    handler.add(bench.handler(w));
                    baseline.add(bench.baseline(w));
                }
                io.out().println();
                Benchmark.print(io.out(), titles.get(i) + ": " + w.conversations() + " conversations × "
                        + w.participants() + " participants, " + w.messages() + " messages, batches of " + w.batchSize()
                        + (w.hotShare() > 0 ? ", " + Math.round(w.hotShare() * 100) + "% to " + w.hotConversations() + " hot" : ""),
                        List.of(median(handler), median(baseline)));
            }
            return ExitCode.OK;
        }
    }

    private static Benchmark.Result median(List<Benchmark.Result> results) {
        List<Benchmark.Result> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(Benchmark.Result::messagesPerSecond));
        return sorted.get(sorted.size() / 2);
    }
}
