package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Runs a workload, cut into batches of a traffic shape, through one strategy on DynamoDB Local,
 * on a fresh table, and what it cost: requests by operation (<em>measured</em>, counted at the SDK),
 * the capacity DynamoDB Local reports for plain requests (<em>measured</em>) and the model's for
 * transactions (<em>computed</em>, {@link CapacityModel}), invocations and their durations
 * (<em>measured</em>).
 */
final class Benchmark {

    /**
     * The figures of one strategy on one workload.
     *
     * @param units     capacity consumed: DynamoDB Local's report, transactions from the model
     * @param durations each invocation's duration
     */
    record Result(Strategy strategy, int messages, int batches, long nanos, Map<String, Integer> requests,
                  CapacityMeter.Units units, Durations durations) {

        double messagesPerSecond() {
            return messages / (nanos / 1e9);
        }

        double requestsPerMessage() {
            return (double) requests.values().stream().mapToInt(Integer::intValue).sum() / messages;
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

        double dynamoDbDollarsPerMillion() {
            return Pricing.dynamoDbPerMillionMessages(readUnitsPerMessage(), writeUnitsPerMessage());
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
     * The capacity consumed: as DynamoDB Local reported it for the plain requests; for transactions,
     * whose units it does not report by any rule ({@code CapacityModelIT}), from DynamoDB's
     * documented rules.
     */
    private static CapacityMeter.Units units(CapacityMeter.Units measured, Strategy strategy, Workload workload,
                                             List<DynamodbEvent> batches, String table) {
        if (measured.transactions() == 0) {
            return measured;
        }
        CapacityMeter.Units modelled = CapacityModel.expected(strategy, workload, batches, table);
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
            Workloads.freshTable(admin, table, workload);
            try {
                List<DynamodbEvent> batches = shape.batches(workload, Workload.streamArn(table));
                var invoke = strategy.on(client, table, concurrency);
                counter.reset();
                meter.reset();
                long start = System.nanoTime();
                Durations durations = Durations.measure(invoke, batches, workload.messages());
                long nanos = System.nanoTime() - start;
                return new Result(strategy, workload.messages(), batches.size(), nanos, new TreeMap<>(counter.snapshot()),
                        units(meter.snapshot(), strategy, workload, batches, table), durations);
            } finally {
                admin.deleteTable(b -> b.tableName(table));
            }
        }
    }
}
