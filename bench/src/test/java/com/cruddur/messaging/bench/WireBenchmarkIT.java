package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.bench.wire.WireRelay;
import com.cruddur.messaging.bench.wire.WireSettings;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire mode of the benchmark, small: the deployment jar under the runtime interface client in a
 * child JVM, as deployed (concurrency, JVM options, SnapStart priming), through the TLS relay on
 * DynamoDB Local; two burst batches of 100 messages in 50 two-person conversations, the second a
 * steady one. Asserted from the relay's timeline, never from wall time.
 */
class WireBenchmarkIT {

    private static final Path DEPLOYMENT_JAR = Path.of(System.getProperty("lambda.jar", "../lambda/target/messaging-stream-lambda.jar"));
    private static final WireSettings WIRE = WireSettings.withRequestLatency(Duration.ofMillis(5));
    /** 400 messages to 50 conversations of two, in batches of 100: about 43 conversations a batch. */
    private static final Workload BURST = new Workload(50, 2, 400, 100, 0, 0, 19);

    @TempDir
    static Path work;
    private static LocalDynamoDb dynamoDb;
    private static WireRelay relay;
    private static WireBenchmark bench;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        relay = WireRelay.start(dynamoDb.endpoint(), WIRE, WorkloadFlows::conversationOf);
        bench = new WireBenchmark(dynamoDb.endpoint(), relay,
                HandlerProcess.Setup.prepare(DEPLOYMENT_JAR, WireBenchCommand.RUNTIME_CLASSPATH, work));
    }

    @AfterAll
    static void stop() {
        relay.close();
        dynamoDb.close();
    }

    @Test
    void putFirstUpdatesAWholeBurstBatchInThreeRoundTripsAndASteadyBatchOpensNoConnection() {
        WireBenchmark.Run run = bench.run(Strategy.PUT_FIRST, BURST, TrafficShape.BURST,
                WireBenchmark.HandlerSettings.deployed(), false);
        assertThat(run.batches()).hasSize(4);
        // Priming went through the relay (the SnapStart path ran in the child): queries, and puts and
        // deletes their own conditions refuse.
        assertThat(run.priming().requestsByOperation()).containsOnlyKeys("Query", "PutItem", "DeleteItem");
        WireBenchmark.Batch steady = run.batches().getLast();
        assertThat(steady.timeline().requestsByOperation()).containsOnlyKeys("Query", "PutItem", "DeleteItem");
        // Every conversation of the batch at once: a query, its puts, its deletes.
        assertThat(steady.criticalChain(Strategy.PUT_FIRST, WIRE).requests()).isBetween(1, 3);
        assertThat(steady.timeline().flowsInFlight()).as("conversations at once").isEqualTo(steady.timeline().flows());
        assertThat(steady.timeline().connectionsAccepted()).as("TLS handshakes in the steady batch")
                .isLessThanOrEqualTo(widerThanBefore(run));
        assertThat(steady.cpuNanos()).as("the child's CPU was read").isPositive();
    }

    @Test
    void transactionalUpdatesItInTwoRoundTrips() {
        WireBenchmark.Run run = bench.run(Strategy.TRANSACTIONAL, BURST, TrafficShape.BURST,
                WireBenchmark.HandlerSettings.deployed(), false);

        WireBenchmark.Batch steady = run.batches().getLast();
        assertThat(steady.timeline().requestsByOperation()).containsOnlyKeys("Query", "TransactWriteItems");
        assertThat(steady.criticalChain(Strategy.TRANSACTIONAL, WIRE).requests()).isBetween(1, 2);
        assertThat(steady.timeline().connectionsAccepted()).as("TLS handshakes in the steady batch")
                .isLessThanOrEqualTo(widerThanBefore(run));
    }

    /**
     * The connections a pool that keeps every connection must still open for the last batch: as
     * many as it has requests in flight beyond the widest batch before it (0 when it is no wider).
     * A pool that drops connections between batches opens more.
     */
    private static int widerThanBefore(WireBenchmark.Run run) {
        var batches = run.batches();
        int before = batches.subList(0, batches.size() - 1).stream()
                .mapToInt(b -> b.timeline().criticalPath().maxInFlight()).max().orElse(0);
        return Math.max(0, batches.getLast().timeline().criticalPath().maxInFlight() - before);
    }

    @Test
    void withTheJdksDefaultsAndEightAtATimeASteadyBatchTakesWavesAndNewConnections() {
        // The settings before issue 19: MAX_CONCURRENCY 8, no JVM options (5 idle connections kept).
        WireBenchmark.Run run = bench.run(Strategy.TRANSACTIONAL, BURST, TrafficShape.BURST,
                new WireBenchmark.HandlerSettings(8, "", true), false);

        WireBenchmark.Batch steady = run.batches().getLast();
        // About 43 conversations, 8 at a time: at least 6 waves of 2 round trips one after another.
        assertThat(steady.timeline().flowsInFlight()).isLessThanOrEqualTo(8);
        assertThat(steady.criticalChain(Strategy.TRANSACTIONAL, WIRE).requests()).isGreaterThanOrEqualTo(10);
        assertThat(steady.timeline().criticalPath().roundTrips()).isGreaterThanOrEqualTo(10);
        assertThat(steady.timeline().connectionsAccepted()).as("connections beyond the 5 kept").isPositive();
    }
}
