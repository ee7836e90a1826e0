package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.schema.MessagesTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The relay in front of a real DynamoDB Local, driven by the AWS SDK's DynamoDB client on the
 * URL-connection HTTP client (the handler's), trusting the relay through its own trust managers.
 * Latencies are asserted as lower bounds and overlaps from the relay's timeline, never as timings.
 */
class WireRelayTest {

    private static final String TABLE = MessagesTable.DEFAULT_TABLE_NAME;

    private static LocalDynamoDb dynamoDb;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDb = LocalDynamoDb.start();
        try (DynamoDbClient client = dynamoDb.client()) {
            TableDefinitions.createTable(client, TABLE);
        }
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamoDb.close();
    }

    @Test
    void requestsAndResponsesCrossTheRelayIntact() {
        // Text beyond ASCII, binary, and a 300 KB attribute: bodies over many TLS records each way.
        Map<String, AttributeValue> item = Map.of(
                MessagesTable.PK, s("MSG#relay-intact"),
                MessagesTable.SK, s("2026-11-21T12:00:00.000000+00:00"),
                "message", s("Grüße, ça va? 👋 " + "x".repeat(300_000)),
                "blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xff, '\r', '\n'})));
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.NONE);
             DynamoDbClient client = relay.clientBuilder().build()) {
            client.putItem(b -> b.tableName(TABLE).item(item));
            Map<String, AttributeValue> read = client.getItem(b -> b.tableName(TABLE).consistentRead(true)
                    .key(Map.of(MessagesTable.PK, item.get(MessagesTable.PK), MessagesTable.SK, item.get(MessagesTable.SK))))
                    .item();

            assertThat(read).isEqualTo(item);
            WireTimeline timeline = relay.takeTimeline();
            assertThat(timeline.requests()).extracting(RequestSpan::target)
                    .containsExactly("DynamoDB_20120810.PutItem", "DynamoDB_20120810.GetItem");
            assertThat(relay.failedExchanges()).isZero();
        }
    }

    @Test
    void oneClientsSequentialRequestsReuseOneConnection() {
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.withRequestLatency(Duration.ofMillis(10)));
             DynamoDbClient client = relay.clientBuilder().build()) {
            for (int i = 0; i < 5; i++) {
                client.listTables();
            }
            WireTimeline timeline = relay.takeTimeline();

            assertThat(timeline.connectionsAccepted()).isEqualTo(1);
            assertThat(timeline.handshakesCompleted()).isEqualTo(1);
            assertThat(timeline.requests()).hasSize(5).extracting(RequestSpan::connection).containsOnly(1L);
            assertThat(timeline.criticalPath()).isEqualTo(new CriticalPath(5, 1));
            assertThat(timeline.requestsByOperation()).isEqualTo(Map.of("ListTables", 5));
            // Taken: the next timeline starts empty.
            assertThat(relay.timeline().requests()).isEmpty();
        }
    }

    @Test
    void clientsInParallelOpenAConnectionEach() throws Exception {
        int clients = 6;
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.withRequestLatency(Duration.ofMillis(50)))) {
            // A client each: the JDK keeps idle connections per client's TLS socket factory, so none can share.
            List<DynamoDbClient> all = clients(relay, clients);
            try {
                inParallel(all, client -> client.listTables());
            } finally {
                all.forEach(DynamoDbClient::close);
            }
            WireTimeline timeline = relay.takeTimeline();

            assertThat(timeline.connectionsAccepted()).isEqualTo(clients);
            assertThat(timeline.requests()).extracting(RequestSpan::connection).doesNotHaveDuplicates().hasSize(clients);
        }
    }

    @Test
    void requestsOverlapUnderConcurrency() throws Exception {
        int clients = 20;
        Duration rtt = Duration.ofMillis(200);
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.withRequestLatency(rtt))) {
            List<DynamoDbClient> all = clients(relay, clients);
            try {
                inParallel(all, client -> client.listTables()); // each opens and keeps its connection
                relay.reset();
                List<Long> clientNanos = inParallel(all, client -> client.listTables());
                WireTimeline timeline = relay.takeTimeline();

                // Twenty requests held 200 ms each overlapped in the relay, on the connections already open.
                assertThat(timeline.requests()).hasSize(clients);
                assertThat(timeline.criticalPath().maxInFlight()).isGreaterThanOrEqualTo(15);
                assertThat(timeline.connectionsAccepted()).isZero();
                assertThat(timeline.requests()).allSatisfy(r -> assertThat(r.durationNanos()).isGreaterThanOrEqualTo(rtt.toNanos()));
                assertThat(clientNanos).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(rtt.toNanos()));
            } finally {
                all.forEach(DynamoDbClient::close);
            }
        }
    }

    @Test
    void everyRequestPaysTheLatencyAndANewConnectionItsSetUpToo() {
        // A set-up cost unlike 2 × latency, to see that each is applied as configured.
        WireSettings wire = new WireSettings(Duration.ofMillis(60), Duration.ofMillis(150));
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), wire);
             DynamoDbClient client = relay.clientBuilder().build()) {
            List<Long> clientNanos = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                client.describeTable(b -> b.tableName(TABLE));
                clientNanos.add(System.nanoTime() - start);
            }
            WireTimeline timeline = relay.takeTimeline();

            // The first request opened the connection: latency and set-up; the others, the latency.
            assertThat(clientNanos.getFirst()).isGreaterThanOrEqualTo(Duration.ofMillis(60 + 150).toNanos());
            assertThat(clientNanos).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos()));
            assertThat(timeline.connections()).singleElement().satisfies(c ->
                    assertThat(c.readyNanos() - c.acceptedNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos()));
            // Held back by the latency after the upstream's answer: the relay adds it, never absorbs it.
            assertThat(timeline.requests()).hasSize(4).allSatisfy(r ->
                    assertThat(r.durationNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos() + r.upstreamNanos()));
        }
    }

    @Test
    void theLatencyCanChangeBetweenBatches() {
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.NONE);
             DynamoDbClient client = relay.clientBuilder().build()) {
            client.listTables();
            relay.settings(WireSettings.withRequestLatency(Duration.ofMillis(80)));
            relay.reset();
            client.listTables();

            assertThat(relay.settings().connectionLatency()).isEqualTo(Duration.ofMillis(160));
            assertThat(relay.takeTimeline().requests()).singleElement()
                    .satisfies(r -> assertThat(r.durationNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(80).toNanos()));
        }
    }

    @Test
    void theOverheadIsMeasuredAgainstTheUpstream() {
        int requests = Integer.getInteger("wire.overhead.requests", 200);
        RelayOverhead overhead = RelayOverhead.measure(dynamoDb.endpoint(), requests);

        System.out.println(overhead.summary());
        assertThat(overhead.requests()).isEqualTo(requests);
        assertThat(overhead.p99()).isGreaterThanOrEqualTo(overhead.p50());
    }

    /** Runs one call per client, all released at once; returns each call's duration as its client saw it. */
    private static List<Long> inParallel(List<DynamoDbClient> clients, Function<DynamoDbClient, ?> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(clients.size())) {
            List<Future<Long>> results = new ArrayList<>();
            for (DynamoDbClient client : clients) {
                results.add(threads.submit(() -> {
                    go.await();
                    long start = System.nanoTime();
                    call.apply(client);
                    return System.nanoTime() - start;
                }));
            }
            go.countDown();
            List<Long> nanos = new ArrayList<>();
            for (Future<Long> result : results) {
                nanos.add(result.get());
            }
            return nanos;
        }
    }

    private static List<DynamoDbClient> clients(WireRelay relay, int count) {
        List<DynamoDbClient> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(relay.clientBuilder().build());
        }
        return clients;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
