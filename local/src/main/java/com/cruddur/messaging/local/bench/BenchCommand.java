package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** {@code bench}: the handler against the original design's strategy, on DynamoDB Local. */
final class BenchCommand implements Command {

    private static final Set<String> WORKLOAD_OPTIONS = Set.of(
            "--conversations", "--participants", "--messages", "--batch-size", "--skew", "--hot");

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmark: the handler against the original per-record strategy, on DynamoDB Local";
    }

    @Override
    public String synopsis() {
        return "bench [--conversations N] [--participants N] [--messages N] [--batch-size N] [--skew SHARE --hot N]"
                + " [--concurrency N] [--rounds N] [--endpoint URL]";
    }

    @Override
    public String details() {
        return """
                Replays a synthetic stream of new messages through the deployed handler and through the
                original design's strategy (each record on its own: a query, then a delete and a put per
                row, in sequence), each on a fresh table, and prints for both: messages/s, DynamoDB
                requests per message and per batch by operation, p50/p99 batch latency, and the ratio.

                Without workload options it runs two workloads: the default (10 two-person conversations,
                100 messages, batches of 100) and a skewed one (80% of the messages to 2 conversations).
                With any of them it runs that one workload:
                  --conversations N   conversations (default 10)
                  --participants N    rows per conversation (default 2)
                  --messages N        messages in the stream (default 100)
                  --batch-size N      records per invocation (default 100)
                  --skew SHARE        share of messages that go to the hot conversations, 0..1 (default 0)
                  --hot N             number of hot conversations (default 2 when --skew is given)
                  --concurrency N     conversations updated at once by the handler (default 8, as deployed)
                  --rounds N          measured rounds per strategy, after one warm-up; the median round
                                      (by messages/s) is printed (default 3)

                Figures are DynamoDB Local's on this machine: compare the two strategies, not the numbers
                with AWS.

                example:
                  ./dev bench
                  ./dev bench --conversations 50 --messages 1000 --batch-size 100 --skew 0.9 --hot 3""";
    }

    @Override
    public int run(List<String> argv, Io io) {
        Set<String> options = ReplayCommand.union(ReplayCommand.union(WORKLOAD_OPTIONS, Set.of("--concurrency", "--rounds")),
                Set.of(Target.ENDPOINT));
        Args args = Args.parse(argv, Set.of(), options);
        args.noPositional();
        int concurrency = args.integer("--concurrency", 8, 1, 256);
        int rounds = args.integer("--rounds", 3, 1, 100);
        List<Workload> workloads = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        if (WORKLOAD_OPTIONS.stream().anyMatch(o -> args.value(o).isPresent())) {
            double skew = decimal(args.value("--skew", "0"));
            Workload w = new Workload(
                    args.integer("--conversations", 10, 1, 100_000),
                    args.integer("--participants", 2, 2, 1_000),
                    args.integer("--messages", 100, 1, 10_000_000),
                    args.integer("--batch-size", 100, 1, 10_000),
                    skew,
                    skew > 0 ? args.integer("--hot", 2, 1, 100_000) : 0,
                    42);
            if (w.hotConversations() > w.conversations()) {
                throw new UsageException("--hot must not exceed --conversations");
            }
            workloads.add(w);
            titles.add("custom workload");
        } else {
            workloads.add(Workload.defaults());
            titles.add("default workload");
            workloads.add(Workload.skewed());
            titles.add("skewed workload");
        }
        Target.Spec spec = Target.Spec.from(args);
        try (Target target = Target.open(spec)) {
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

    private static double decimal(String text) {
        try {
            double value = Double.parseDouble(text);
            if (value < 0 || value > 1) {
                throw new UsageException("--skew must be between 0 and 1, got " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--skew must be a number between 0 and 1, got '" + text + "'");
        }
    }
}
