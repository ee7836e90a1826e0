package com.cruddur.messaging.local.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs a workload, cut into batches of a traffic shape, through one strategy on DynamoDB Local,
 * on a fresh table, and measures it: requests by operation, the capacity DynamoDB reports,
 * invocations and their durations.
 */
final class Benchmark {

    /**
     * The figures of one strategy on one workload.
     *
     * @param units      capacity consumed, as DynamoDB Local reported it
     * @param batchNanos each invocation's duration
     */
    record Result(Strategy strategy, int messages, int batches, long nanos, Map<String, Integer> requests,
                  CapacityMeter.Units units, long[] batchNanos) {

        double messagesPerSecond() {
            return messages / (nanos / 1e9);
        }

        int totalRequests() {
            return requests.values().stream().mapToInt(Integer::intValue).sum();
        }

        double requestsPerMessage() {
            return (double) totalRequests() / messages;
        }

        double invocationsPerMessage() {
            return (double) batches / messages;
        }

        double readUnitsPerMessage() {
            return units.read() / messages;
        }

        double writeUnitsPerMessage() {
            return units.write() / messages;
        }

        /** Lambda's billed duration (each invocation rounded up to the millisecond) times the memory, per message. */
        double gbSecondsPerMessage(int memoryMb) {
            long billedMillis = Arrays.stream(batchNanos).map(n -> (n + 999_999) / 1_000_000).sum();
            return billedMillis / 1000.0 * memoryMb / 1024.0 / messages;
        }

        double dynamoDbDollarsPerMillion() {
            return Pricing.dynamoDbPerMillionMessages(readUnitsPerMessage(), writeUnitsPerMessage());
        }

        double lambdaDollarsPerMillion(int memoryMb) {
            return Pricing.lambdaPerMillionMessages(invocationsPerMessage(), gbSecondsPerMessage(memoryMb));
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

    /**
     * The capacity consumed: as DynamoDB Local reported it, but for transactions, whose units it
     * misreports (see {@link CapacityMeter}): those come from DynamoDB's documented rules.
     */
    private static CapacityMeter.Units units(CapacityMeter.Units measured, Strategy strategy, Workload workload,
                                             List<DynamodbEvent> batches) {
        if (measured.transactions() == 0) {
            return measured;
        }
        CapacityMeter.Units modelled = CapacityModel.expected(strategy, workload, batches);
        return new CapacityMeter.Units(measured.tableRead(), measured.indexRead(),
                measured.tableWrite() + modelled.tableWrite(), measured.indexWrite() + modelled.indexWrite(),
                measured.unmetered(), measured.transactions());
    }

    /** One run of a strategy on a workload delivered in batches of a shape, on a fresh table. */
    Result run(Strategy strategy, Workload workload, TrafficShape shape) {
        String table = "bench-" + strategy.label() + "-" + TABLES.incrementAndGet();
        RequestCounter counter = new RequestCounter();
        CapacityMeter meter = new CapacityMeter();
        try (DynamoDbClient admin = LocalDynamoDb.clientBuilder(endpoint).build();
             DynamoDbClient client = LocalDynamoDb.clientBuilder(endpoint, counter, meter).build()) {
            TableDefinitions.createTable(admin, table);
            try {
                Items.putAll(admin, table, workload.rows(), n -> { });
                List<DynamodbEvent> batches = shape.batches(workload, Workload.streamArn(table));
                Consumer<DynamodbEvent> invoke = strategy.on(client, table, concurrency);
                counter.reset();
                meter.reset();
                long[] latencies = new long[batches.size()];
                long start = System.nanoTime();
                for (int i = 0; i < batches.size(); i++) {
                    long batchStart = System.nanoTime();
                    invoke.accept(batches.get(i));
                    latencies[i] = System.nanoTime() - batchStart;
                }
                long nanos = System.nanoTime() - start;
                return new Result(strategy, workload.messages(), batches.size(), nanos,
                        new TreeMap<>(counter.snapshot()), units(meter.snapshot(), strategy, workload, batches), latencies);
            } finally {
                admin.deleteTable(b -> b.tableName(table));
            }
        }
    }
}
