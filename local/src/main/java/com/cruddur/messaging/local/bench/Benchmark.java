package com.cruddur.messaging.local.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalContext;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import java.io.PrintStream;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs a workload through the handler and through the baseline strategy on DynamoDB Local, on
 * fresh tables, and measures each: throughput, requests by operation, batch latencies.
 */
final class Benchmark {

    /** The figures of one strategy on one workload. */
    record Result(String strategy, int messages, int batches, long nanos, Map<String, Integer> requests,
                  long[] batchNanos) {

        double messagesPerSecond() {
            return messages / (nanos / 1e9);
        }

        int totalRequests() {
            return requests.values().stream().mapToInt(Integer::intValue).sum();
        }

        double requestsPerMessage() {
            return (double) totalRequests() / messages;
        }

        double percentileMillis(double p) {
            long[] sorted = batchNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final URI endpoint;
    private final int concurrency;

    Benchmark(URI endpoint, int concurrency) {
        this.endpoint = endpoint;
        this.concurrency = concurrency;
    }

    /** The handler, as deployed (bounded concurrency, one query and one transaction per conversation). */
    Result handler(Workload workload) {
        return measure("handler", workload, (client, table) -> {
            MessageGroupStreamHandler handler = new MessageGroupStreamHandler(client,
                    Config.forTable(table).withMaxConcurrency(concurrency));
            return batch -> {
                InvocationReport report = handler.process(batch, new LocalContext(line -> { }));
                if (!report.failedSequenceNumbers().isEmpty()) {
                    throw new IllegalStateException("the handler reported failures: " + report.failedSequenceNumbers());
                }
            };
        });
    }

    /** The original design's strategy: per record, a query and a delete and a put per row, in sequence. */
    Result baseline(Workload workload) {
        return measure("baseline", workload, (client, table) -> new BaselineStrategy(client, table)::process);
    }

    private interface Strategy {
        Consumer<DynamodbEvent> on(DynamoDbClient client, String table);
    }

    private Result measure(String name, Workload workload, Strategy strategy) {
        String table = "bench-" + name + "-" + TABLES.incrementAndGet();
        RequestCounter counter = new RequestCounter();
        try (DynamoDbClient admin = LocalDynamoDb.clientBuilder(endpoint).build();
             DynamoDbClient client = LocalDynamoDb.clientBuilder(endpoint, counter).build()) {
            TableDefinitions.createTable(admin, table);
            try {
                Items.putAll(admin, table, workload.rows(), n -> { });
                List<DynamodbEvent> batches = workload.batches(Workload.streamArn(table));
                Consumer<DynamodbEvent> run = strategy.on(client, table);
                counter.reset();
                long[] latencies = new long[batches.size()];
                long start = System.nanoTime();
                for (int i = 0; i < batches.size(); i++) {
                    long batchStart = System.nanoTime();
                    run.accept(batches.get(i));
                    latencies[i] = System.nanoTime() - batchStart;
                }
                long nanos = System.nanoTime() - start;
                return new Result(name, workload.messages(), batches.size(), nanos,
                        new TreeMap<>(counter.snapshot()), latencies);
            } finally {
                admin.deleteTable(b -> b.tableName(table));
            }
        }
    }

    /** A table of results for people; the last column compares each strategy with the first row's. */
    static void print(PrintStream out, String title, List<Result> results) {
        out.println(title);
        out.printf("  %-9s %10s %9s %9s %9s %11s   %s%n",
                "strategy", "messages/s", "req/msg", "p50 ms", "p99 ms", "req/batch", "requests by operation");
        for (Result r : results) {
            out.printf("  %-9s %10.0f %9.2f %9.1f %9.1f %11.1f   %s%n", r.strategy(), r.messagesPerSecond(),
                    r.requestsPerMessage(), r.percentileMillis(50), r.percentileMillis(99),
                    (double) r.totalRequests() / r.batches(), r.requests());
        }
        if (results.size() == 2) {
            Result ours = results.get(0);
            Result base = results.get(1);
            out.printf("  ratio handler/baseline: %.1fx messages/s, %.1fx fewer requests per message, p50 %.1fx lower%n",
                    ours.messagesPerSecond() / base.messagesPerSecond(),
                    base.requestsPerMessage() / ours.requestsPerMessage(),
                    base.percentileMillis(50) / ours.percentileMillis(50));
        }
    }
}
