package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
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
        // 20 by default; -Dwire.concurrency.clients=100 shows the same at a burst batch's width.
        int clients = Integer.getInteger("wire.concurrency.clients", 20);
        Duration rtt = Duration.ofMillis(200);
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.withRequestLatency(rtt))) {
            List<DynamoDbClient> all = clients(relay, clients);
            try {
                inParallel(all, client -> client.listTables()); // each opens and keeps its connection
                relay.reset();
                List<Long> clientNanos = inParallel(all, client -> client.listTables());
                WireTimeline timeline = relay.takeTimeline();
                System.out.println("relay: " + timeline.criticalPath().maxInFlight() + " of " + clients
                        + " requests in flight at once, " + timeline.connectionsAccepted() + " new connections");

                // The requests, held 200 ms each, overlapped in the relay (at least 3 in 4 of them at
                // one instant: 15 of 20), on the connections already open.
                assertThat(timeline.requests()).hasSize(clients);
                assertThat(timeline.criticalPath().maxInFlight()).isGreaterThanOrEqualTo(clients * 3 / 4);
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

    @Test
    void rawHttpIsRelayedAsFramedExpectationsAndClosesHonoured() throws Exception {
        try (WireRelay relay = WireRelay.start(dynamoDb.endpoint(), WireSettings.NONE);
             SSLSocket socket = (SSLSocket) relay.truststore().sslContext().getSocketFactory()
                     .createSocket("localhost", relay.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name checked against the SANs
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            // A chunked body: forwarded chunk by chunk as it came, and answered on the same connection.
            out.write(ascii(rawRequest("Transfer-Encoding: chunked") + "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n"));
            out.flush();
            HttpMessages.Head first = HttpMessages.readHead(in, in.read());
            String firstBody = new String(HttpMessages.readResponseBody(in, first, "POST"), StandardCharsets.UTF_8);
            assertThat(first.status()).isEqualTo(200);
            assertThat(firstBody).contains("TableNames");

            // An expectation: the relay says 100 Continue before the body is sent.
            out.write(ascii(rawRequest("Expect: 100-continue\r\nContent-Length: 2\r\nConnection: close")));
            out.flush();
            assertThat(HttpMessages.readHead(in, in.read()).status()).isEqualTo(100);
            out.write(ascii("{}"));
            out.flush();
            HttpMessages.Head second = HttpMessages.readHead(in, in.read());
            HttpMessages.readResponseBody(in, second, "POST");
            assertThat(second.status()).isEqualTo(200);
            // The client asked to close: the relay closes after the response.
            assertThat(in.read()).isEqualTo(-1);
            assertThat(relay.takeTimeline().requestsByOperation()).isEqualTo(Map.of("ListTables", 2));
        }
    }

    private static String rawRequest(String framing) {
        return "POST / HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                // DynamoDB Local reads the access key from it; it checks no signature.
                + "Authorization: AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host, Signature=0\r\n"
                + framing + "\r\n\r\n";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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
