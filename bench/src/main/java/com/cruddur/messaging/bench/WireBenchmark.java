package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.cruddur.messaging.bench.wire.CriticalPath;
import com.cruddur.messaging.bench.wire.WireRelay;
import com.cruddur.messaging.bench.wire.WireSettings;
import com.cruddur.messaging.bench.wire.WireTimeline;
import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The benchmark on the modelled wire: the deployment jar under Lambda's runtime interface client in
 * a child JVM ({@link HandlerProcess}), its DynamoDB endpoint the TLS relay ({@link WireRelay}) in
 * front of DynamoDB Local, trusted by that JVM's arguments alone. Per batch it keeps the relay's
 * timeline (requests, connections accepted, the critical path: <em>measured</em>), the child's
 * process CPU (<em>measured</em>) and the invocation's wall time on this machine (<em>measured</em>,
 * DynamoDB Local's own time and queueing included); capacity comes from {@link CapacityModel}
 * (<em>computed</em>).
 */
final class WireBenchmark {

    /** How the child JVM is set up: the handler's concurrency and the JVM's options, as the stack deploys them or not. */
    record HandlerSettings(int concurrency, String javaToolOptions, boolean snapStart) {

        static HandlerSettings deployed() {
            return new HandlerSettings(DeploymentContract.Defaults.MAX_CONCURRENCY,
                    DeploymentContract.Connections.JAVA_TOOL_OPTIONS, true);
        }
    }

    /**
     * One invocation on the wire.
     *
     * @param wallNanos the invocation's wall time on this machine (measured)
     * @param cpuNanos  the child JVM's CPU time during it (measured)
     * @param runtimeThreadCpuNanos the part of it on the runtime's own thread (measured): the runtime
     *                  interface client reading the event and writing the response, and the
     *                  handler's batch code around the conversations (those run on virtual threads)
     * @param timeline  what crossed the relay during it (measured)
     */
    record Batch(int records, long wallNanos, long cpuNanos, long runtimeThreadCpuNanos, WireTimeline timeline) {

        /**
         * The round trips this batch waited for: the handler's conversations are independent, so its
         * chains are taken within a conversation, once per wave of conversations (at most
         * MAX_CONCURRENCY at once); the original design handles one record after another, so its
         * chain is the whole batch's.
         */
        CriticalPath.Chain criticalChain(Strategy strategy, WireSettings wire) {
            return strategy == Strategy.ORIGINAL ? timeline.criticalChain(wire) : timeline.criticalChainInWaves(wire);
        }

        ModelledDuration modelled(Strategy strategy, WireSettings wire, int memoryMb) {
            var chain = criticalChain(strategy, wire);
            return new ModelledDuration(chain.requests(), chain.connectionSetups(), cpuNanos, wire, memoryMb);
        }
    }

    /** A run: priming's timeline (the SnapStart path; empty for the original design), then the batches. */
    record Run(Strategy strategy, int messages, WireTimeline priming, List<Batch> batches, CapacityMeter.Units units) {

        Map<String, Integer> requests() {
            Map<String, Integer> counts = new TreeMap<>();
            batches.forEach(b -> b.timeline().requestsByOperation().forEach((op, n) -> counts.merge(op, n, Integer::sum)));
            return counts;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final PojoSerializer<DynamodbEvent> EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamodbEvent.class.getClassLoader());

    private final URI dynamoDb;
    private final WireRelay relay;
    private final HandlerProcess.Setup setup;

    WireBenchmark(URI dynamoDb, WireRelay relay, HandlerProcess.Setup setup) {
        this.dynamoDb = dynamoDb;
        this.relay = relay;
        this.setup = setup;
    }

    /**
     * One run of a strategy on a workload delivered in batches of a shape, on a fresh table, in a
     * fresh child JVM. {@code afterRestore} closes the connections priming opened before the first
     * batch, as a snapshot's restore does.
     */
    Run run(Strategy strategy, Workload workload, TrafficShape shape, HandlerSettings settings, boolean afterRestore) {
        return run(strategy, workload, shape.batches(workload, Workload.streamArn("bench")), settings, afterRestore);
    }

    Run run(Strategy strategy, Workload workload, List<DynamodbEvent> events, HandlerSettings settings, boolean afterRestore) {
        String table = "wire-" + strategy.label() + "-" + TABLES.incrementAndGet();
        List<DynamodbEvent> batches = events.stream().map(b -> retarget(b, table)).toList();
        try (DynamoDbClient admin = LocalDynamoDb.clientBuilder(dynamoDb).build()) {
            Workloads.freshTable(admin, table, workload);
            try {
                relay.reset();
                WireTimeline priming;
                List<Batch> measured = new ArrayList<>();
                try (HandlerProcess function = HandlerProcess.start(setup, environment(strategy, table, settings),
                        relay.truststore().jvmArguments())) {
                    priming = relay.takeTimeline();
                    if (afterRestore) {
                        relay.closeClientConnections();
                    }
                    for (DynamodbEvent batch : batches) {
                        measured.add(invoke(function, strategy, batch));
                    }
                }
                return new Run(strategy, workload.messages(), priming, measured,
                        CapacityModel.expected(strategy, workload, batches, table));
            } finally {
                admin.deleteTable(b -> b.tableName(table));
            }
        }
    }

    private Batch invoke(HandlerProcess function, Strategy strategy, DynamodbEvent batch) {
        byte[] json = json(batch);
        long cpuBefore = function.cpuNanos();
        long runtimeThreadBefore = function.runtimeThreadCpuNanos();
        long start = System.nanoTime();
        String response = function.invoke(json).body();
        long wall = System.nanoTime() - start;
        long cpu = function.cpuNanos() - cpuBefore;
        long runtimeThread = function.runtimeThreadCpuNanos() - runtimeThreadBefore;
        if (strategy != Strategy.ORIGINAL && !readTree(response).path("batchItemFailures").isEmpty()) {
            // Capacity per message means nothing for a batch left half applied: stop, and say why.
            throw new CliException(ExitCode.MEASUREMENT_FAILED, strategy.label() + ": the handler reported batch item"
                    + " failures on the wire (" + response + "); run with fewer --participants or --messages");
        }
        Batch measured = new Batch(batch.getRecords().size(), wall, cpu, runtimeThread, relay.takeTimeline());
        return measured;
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new CliException(ExitCode.MEASUREMENT_FAILED, "the function's response is not JSON: " + json);
        }
    }

    /** The function's environment: the stack's variables, the write path, and the relay as its endpoint. */
    private Map<String, String> environment(Strategy strategy, String table, HandlerSettings settings) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("_HANDLER", strategy == Strategy.ORIGINAL ? BaselineHandler.HANDLER : DeploymentContract.HANDLER);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(DeploymentContract.FUNCTION_MEMORY_MB));
        // The original design has no priming hook: its environments start on demand.
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", settings.snapStart() && strategy != Strategy.ORIGINAL
                ? "snap-start" : "on-demand");
        env.putAll(LocalDynamoDb.clientEnvironment());
        env.put(DeploymentContract.Env.TABLE_NAME, table);
        env.put(DeploymentContract.Env.INDEX_NAME, MessagesTable.GROUP_INDEX_NAME);
        if (strategy != Strategy.ORIGINAL) {
            env.put(DeploymentContract.Env.WRITE_MODE, strategy.label());
        }
        env.put(DeploymentContract.Env.MAX_CONCURRENCY, Integer.toString(settings.concurrency()));
        if (!settings.javaToolOptions().isBlank()) {
            env.put(DeploymentContract.Env.JAVA_TOOL_OPTIONS, settings.javaToolOptions());
        }
        env.put("AWS_ENDPOINT_URL_DYNAMODB", relay.endpoint().toString());
        return env;
    }

    /** The batch as the stream of {@code table} would deliver it (the handler checks the source table). */
    private static DynamodbEvent retarget(DynamodbEvent batch, String table) {
        String arn = Workload.streamArn(table);
        batch.getRecords().forEach(r -> r.setEventSourceARN(arn));
        return batch;
    }

    /** The event as Lambda sends it: written by the runtime's own serializer, which reads it back in the child. */
    static byte[] json(DynamodbEvent batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EVENTS.toJson(batch, out);
        return out.toByteArray();
    }
}
