package com.cruddur.messaging.stream;

import com.cruddur.messaging.devkit.LocalContext;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Model-based tests of the promise: once the stream has been delivered, however it was batched,
 * duplicated, rewound, faulted, crashed or raced, every participant of every conversation has
 * exactly one row, carrying the newest message, with every other attribute intact; message items
 * are untouched; and at every point observed in between, no row is missing or doubled.
 *
 * <p>Runs against DynamoDB Local; faults are injected at the client's seam, never by imitating
 * DynamoDB. Tries: {@code -Djqwik.tries.default=N}; fault rate: {@code -Dreliability.faultRate=P}.
 */
class ReliabilityPropertiesIT {

    private static final double FAULT_RATE = Double.parseDouble(System.getProperty("reliability.faultRate", "0.15"));
    private static final Instant BASE = Instant.parse("2026-11-21T12:00:00Z");
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient admin;

    @BeforeContainer
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        admin = dynamoDb.client();
    }

    @AfterContainer
    static void stop() {
        admin.close();
        dynamoDb.close();
        ReliabilityStats.report("reliability properties (fault rate " + FAULT_RATE + ")");
    }

    // ---------------------------------------------------------------- properties

    @Property
    void anyDeliveryOfTheStreamEndsInTheModelsState(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
        try (Harness h = new Harness(scenario, seed, FAULT_RATE, true)) {
            h.deliverSequentially();
            h.assertFinalStateEqualsModel();
        }
    }

    @Property
    void twoHandlersRacingOnTheSameConversationsLetTheNewestMessageWin(@ForAll("scenarios") Scenario scenario,
                                                                       @ForAll long seed) {
        try (Harness h = new Harness(scenario.withoutEdits(), seed, FAULT_RATE / 2, false)) {
            h.deliverConcurrentlyInTwoHalves();
            h.assertFinalStateEqualsModel();
        }
    }

    // ---------------------------------------------------------------- generators

    /** A conversation: its participants, by user index. */
    record Group(List<Integer> participants) {
    }

    /** A message: its conversation, its minute after BASE (unique), whether it is later edited. */
    record Msg(int group, int minute, boolean edited) {
    }

    /**
     * @param groups       conversations
     * @param messages     messages, in stream order
     * @param batchSizes   how the stream is cut into invocations
     * @param rewinds      after invocation i, redeliver from batch rewinds[i] (or -1: go on)
     * @param extras       extra attributes on rows, by kind index
     */
    record Scenario(List<Group> groups, List<Msg> messages, List<Integer> batchSizes, List<Integer> rewinds,
                    List<Integer> extras) {

        Scenario withoutEdits() {
            return new Scenario(groups, messages.stream().map(m -> new Msg(m.group(), m.minute(), false)).toList(),
                    batchSizes, rewinds, extras);
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Group> group = Arbitraries.integers().between(0, 5).set().ofMinSize(2).ofMaxSize(4)
                .map(s -> new Group(List.copyOf(new java.util.TreeSet<>(s))));
        Arbitrary<List<Group>> groups = group.list().ofMinSize(1).ofMaxSize(3);
        return groups.flatMap(gs -> {
            Arbitrary<List<Msg>> messages = Combinators.combine(
                            Arbitraries.integers().between(0, gs.size() - 1),
                            Arbitraries.of(true, false, false, false))
                    .as((g, e) -> new int[] {g, e ? 1 : 0})
                    .list().ofMinSize(1).ofMaxSize(12)
                    .flatMap(raw -> Arbitraries.integers().between(0, 10_000).set().ofSize(raw.size())
                            .map(minutes -> {
                                List<Integer> ms = new ArrayList<>(minutes);
                                List<Msg> out = new ArrayList<>();
                                for (int i = 0; i < raw.size(); i++) {
                                    out.add(new Msg(raw.get(i)[0], ms.get(i), raw.get(i)[1] == 1));
                                }
                                return out;
                            }));
            return Combinators.combine(
                    messages,
                    Arbitraries.integers().between(1, 6).list().ofMinSize(1).ofMaxSize(8),
                    Arbitraries.integers().between(-1, 4).list().ofMinSize(0).ofMaxSize(8),
                    Arbitraries.integers().between(0, 4).list().ofSize(24))
                    .as((ms, sizes, rewinds, extras) -> new Scenario(gs, ms, sizes, rewinds, extras));
        });
    }

    // ---------------------------------------------------------------- harness

    /** One try: a fresh table, the scenario's stream, a faulty client, and the model. */
    private static final class Harness implements AutoCloseable {

        private final Scenario scenario;
        private final Random random;
        private final double faultRate;
        private final boolean observe;
        private final String table = "messages-" + TABLES.incrementAndGet();
        private final String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/stream/x";
        private final FaultInjector faults = new FaultInjector();
        private final DynamoDbClient client;
        private final List<DynamodbStreamRecord> stream = new ArrayList<>();
        private final Map<String, Map<String, AttributeValue>> expectedRows = new TreeMap<>();
        private final List<Map<String, AttributeValue>> messageItems = new ArrayList<>();
        private final AtomicBoolean crashed = new AtomicBoolean();
        private final AtomicInteger crashCountdown = new AtomicInteger(-1);
        private long sequence = 1_000_000;

        Harness(Scenario scenario, long seed, double faultRate, boolean observe) {
            this.scenario = scenario;
            this.random = new Random(seed);
            this.faultRate = faultRate;
            this.observe = observe;
            this.client = LocalDynamoDb.clientBuilder(dynamoDb.endpoint())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(faults)
                            // SDK retries as deployed, but without real waiting.
                            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                    .backoffStrategy(BackoffStrategy.retryImmediately())
                                    .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                                    .circuitBreakerEnabled(false)
                                    .build()))
                    .build();
            TableDefinitions.createTable(admin, table);
            seedAndBuildModel();
            installFaults();
            ReliabilityStats.inc("generated cases");
        }

        private void seedAndBuildModel() {
            List<Map<String, AttributeValue>> rows = new ArrayList<>();
            int extraIndex = 0;
            for (int g = 0; g < scenario.groups().size(); g++) {
                for (int owner : scenario.groups().get(g).participants()) {
                    int other = scenario.groups().get(g).participants().stream().filter(p -> p != owner).findFirst().orElseThrow();
                    Map<String, AttributeValue> row = new LinkedHashMap<>();
                    row.put("pk", s("GRP#u" + owner));
                    // A user in two conversations has two rows: distinct keys.
                    row.put("sk", s("2026-11-01T00:00:0" + g + ".000000+00:00"));
                    row.put("message_group_uuid", s("g" + g));
                    row.put("message", s("first"));
                    row.put("user_uuid", s("u" + other));
                    row.put("user_display_name", s("User " + other));
                    row.put("user_handle", s("user" + other));
                    row.put("unread_count", AttributeValue.fromN("0"));
                    addExtra(row, scenario.extras().get(extraIndex++ % scenario.extras().size()));
                    rows.add(row);
                    expectedRows.put("u" + owner + "/g" + g, new LinkedHashMap<>(row));
                }
            }
            // Stream records in the scenario's order; an edit follows its message later in the stream.
            Map<String, String> newestText = new HashMap<>();
            Map<String, String> newestSk = new HashMap<>();
            List<DynamodbStreamRecord> edits = new ArrayList<>();
            for (Msg m : scenario.messages()) {
                String sk = BASE.plusSeconds(60L * m.minute()).toString().replace("Z", ".000000+00:00");
                String group = "g" + m.group();
                String text = "m" + m.minute();
                Map<String, AttributeValue> item = new LinkedHashMap<>();
                item.put("pk", s("MSG#" + group));
                item.put("sk", s(sk));
                item.put("message_group_uuid", s(group)); // message items may carry it: must stay untouched
                item.put("message", s(m.edited() ? text + " (edited)" : text));
                item.put("user_uuid", s("u0"));
                messageItems.add(item);
                stream.add(record("INSERT", group, sk, text));
                if (m.edited()) {
                    edits.add(record("MODIFY", group, sk, text + " (edited)"));
                }
                if (newestSk.get(group) == null || sk.compareTo(newestSk.get(group)) > 0) {
                    newestSk.put(group, sk);
                    newestText.put(group, m.edited() ? text + " (edited)" : text);
                }
            }
            // Edits arrive after every insert (the same item's images stay in order).
            stream.addAll(edits);
            rows.addAll(messageItems);
            Items.putAll(admin, table, rows, n -> { });
            expectedRows.forEach((key, row) -> {
                String group = row.get("message_group_uuid").s();
                if (newestSk.containsKey(group)) {
                    row.put("sk", s(newestSk.get(group)));
                    row.put("message", s(newestText.get(group)));
                }
            });
        }

        private DynamodbStreamRecord record(String name, String group, String sk, String text) {
            DynamodbStreamRecord r = Events.record(name, "MSG#" + group, sk, text);
            r.setEventSourceARN(arn);
            r.getDynamodb().setSequenceNumber(Long.toString(sequence++));
            return r;
        }

        private void installFaults() {
            if (observe) {
                // Observed points: before every request, no row may be missing or doubled.
                faults.add((op, request) -> assertNoRowMissingOrDoubled());
            }
            faults.add((op, request) -> {
                maybeCrash("before a request");
                if (random.nextDouble() >= faultRate) {
                    return;
                }
                switch (random.nextInt(5)) {
                    case 0 -> {
                        ReliabilityStats.inc("faults: throttling");
                        throw FaultInjector.throttling();
                    }
                    case 1 -> {
                        ReliabilityStats.inc("faults: 5xx");
                        throw FaultInjector.serverError();
                    }
                    case 2 -> {
                        ReliabilityStats.inc("faults: timeout");
                        throw ApiCallAttemptTimeoutException.create(3000);
                    }
                    case 3 -> {
                        if (op.equals("TransactWriteItems")) {
                            ReliabilityStats.inc("faults: transaction conflict");
                            throw TransactionCanceledException.builder().message("injected")
                                    .statusCode(400)
                                    .awsErrorDetails(AwsErrorDetails.builder()
                                            .errorCode("TransactionCanceledException").errorMessage("injected").build())
                                    .cancellationReasons(CancellationReason.builder().code("TransactionConflict").build())
                                    .build();
                        }
                    }
                    default -> {
                        if (op.equals("TransactWriteItems")) {
                            ReliabilityStats.inc("faults: concurrent app write");
                            try {
                                touchARow();
                            } catch (RuntimeException e) {
                                // A defect of this harness must fail the test, not pass as an injected fault.
                                throw new AssertionError("harness failed to touch a row", e);
                            }
                        }
                    }
                }
            });
            faults.addAfter((op, request) -> {
                maybeCrash("after a request was executed");
                if (random.nextDouble() < faultRate / 3) {
                    ReliabilityStats.inc("faults: response lost after execution");
                    throw SdkClientException.create("injected: connection reset after the request was executed");
                }
            });
        }

        /** Counts down to a crash; once crashed, every further request of the invocation dies too. */
        private void maybeCrash(String where) {
            if (crashed.get()) {
                throw new Crash();
            }
            if (crashCountdown.get() > 0 && crashCountdown.decrementAndGet() == 0) {
                crashed.set(true);
                ReliabilityStats.inc("crashes (" + where + ")");
                throw new Crash();
            }
        }

        /**
         * The app changes an attribute this handler does not own, as it might at any moment. (It
         * changes an attribute the row has: DynamoDB conditions can only test attributes by name,
         * so one added under a new name between the handler's read and its write would not be
         * detected; see the README's failure semantics.)
         */
        private synchronized void touchARow() {
            List<String> keys = new ArrayList<>(expectedRows.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            Map<String, AttributeValue> expected = expectedRows.get(key);
            String pk = expected.get("pk").s();
            String group = expected.get("message_group_uuid").s();
            Map<String, AttributeValue> row = admin.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(pk))).consistentRead(true))
                    .items().stream().filter(i -> i.get("message_group_uuid").s().equals(group)).findFirst().orElseThrow();
            String unread = Integer.toString(Integer.parseInt(row.get("unread_count").n()) + 1);
            admin.updateItem(b -> b.tableName(table).key(Map.of("pk", row.get("pk"), "sk", row.get("sk")))
                    .updateExpression("SET unread_count = :u")
                    .expressionAttributeValues(Map.of(":u", AttributeValue.fromN(unread))));
            expected.put("unread_count", AttributeValue.fromN(unread));
        }

        private MessageGroupStreamHandler handler() {
            return new MessageGroupStreamHandler(client, Config.forTable(table).withMaxConcurrency(observe ? 1 : 4), d -> { });
        }

        /** Delivers the stream as Lambda does: batch after batch, retrying from reported failures, rewinding. */
        void deliverSequentially() {
            List<List<DynamodbStreamRecord>> batches = cut(stream);
            deliver(handler(), batches, 0);
        }

        /** Two handlers at once, each delivering its half; then everything once more, as a redelivery would. */
        void deliverConcurrentlyInTwoHalves() {
            List<List<DynamodbStreamRecord>> batches = cut(stream);
            int half = (batches.size() + 1) / 2;
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> deliver(handler(), batches.subList(0, half), 0));
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> deliver(handler(), batches.subList(half, batches.size()), 0));
            CompletableFuture.allOf(first, second).join();
            ReliabilityStats.inc("concurrent races");
        }

        private void deliver(MessageGroupStreamHandler handler, List<List<DynamodbStreamRecord>> batches, int rewindIndex) {
            int invocations = 0;
            int b = 0;
            int rewindsLeft = scenario.rewinds().size();
            while (b < batches.size()) {
                List<DynamodbStreamRecord> batch = batches.get(b);
                int from = 0;
                while (from < batch.size()) {
                    assertThat(++invocations).as("invocations without converging").isLessThan(400);
                    ReliabilityStats.inc("invocations");
                    if (observe && random.nextInt(6) == 0) {
                        crashCountdown.set(1 + random.nextInt(8));
                    }
                    crashed.set(false);
                    InvocationReport report;
                    try {
                        // (A Crash is the only Error the faults throw; an AssertionError of the harness propagates.)
                        report = handler.process(Events.batch(batch.subList(from, batch.size()).toArray(DynamodbStreamRecord[]::new)),
                                LocalContext.capturing());
                    } catch (Crash crash) {
                        report = null;
                    }
                    crashCountdown.set(-1);
                    if (report == null || crashed.get()) {
                        crashed.set(false);
                        continue; // the invocation died: Lambda redelivers the same records
                    }
                    report.groups().stream().filter(GroupOutcome::failed)
                            .forEach(o -> ReliabilityStats.inc("group failures reported: " + o.failure()));
                    List<String> failed = report.failedSequenceNumbers();
                    if (failed.isEmpty()) {
                        break;
                    }
                    ReliabilityStats.inc("batch item failures retried");
                    long lowest = failed.stream().mapToLong(Long::parseLong).min().orElseThrow();
                    for (int i = from; i < batch.size(); i++) {
                        if (Long.parseLong(batch.get(i).getDynamodb().getSequenceNumber()) == lowest) {
                            from = i;
                            break;
                        }
                    }
                }
                // At-least-once: sometimes Lambda rewinds and delivers batches again, in order.
                if (rewindIndex < scenario.rewinds().size() && rewindsLeft-- > 0) {
                    int rewind = scenario.rewinds().get(rewindIndex++);
                    if (rewind >= 0 && rewind <= b) {
                        ReliabilityStats.inc("rewinds (duplicate deliveries)");
                        b = b - Math.min(rewind, b);
                        continue;
                    }
                }
                b++;
            }
        }

        private List<List<DynamodbStreamRecord>> cut(List<DynamodbStreamRecord> records) {
            List<List<DynamodbStreamRecord>> batches = new ArrayList<>();
            int i = 0;
            int s = 0;
            while (i < records.size()) {
                int size = scenario.batchSizes().get(s++ % scenario.batchSizes().size());
                batches.add(records.subList(i, Math.min(records.size(), i + size)));
                i += size;
            }
            return batches;
        }

        void assertNoRowMissingOrDoubled() {
            Map<String, Integer> seen = new TreeMap<>();
            for (Map<String, AttributeValue> item : Items.scanAll(admin, table)) {
                if (item.get("pk").s().startsWith("GRP#")) {
                    seen.merge(item.get("pk").s().substring(4) + "/" + item.get("message_group_uuid").s(), 1, Integer::sum);
                }
            }
            Map<String, Integer> once = new TreeMap<>();
            expectedRows.keySet().forEach(k -> once.put(k, 1));
            assertThat(seen).as("one row per participant and conversation at every observed point").isEqualTo(once);
            ReliabilityStats.inc("observed points checked");
        }

        void assertFinalStateEqualsModel() {
            faults.clear();
            List<String> actual = Items.scanAll(admin, table).stream().map(DynamoJson::format).sorted().toList();
            List<Map<String, AttributeValue>> expectedItems = new ArrayList<>(expectedRows.values());
            expectedItems.addAll(messageItems);
            List<String> expected = expectedItems.stream().map(DynamoJson::format).sorted().toList();
            assertThat(actual).as("table after delivery").isEqualTo(expected);
        }

        @Override
        public void close() {
            client.close();
            admin.deleteTable(b -> b.tableName(table));
        }

        private static void addExtra(Map<String, AttributeValue> row, int kind) {
            switch (kind) {
                case 0 -> row.put("muted", AttributeValue.fromBool(true));
                case 1 -> row.put("draft", s("unsent words"));
                case 2 -> row.put("labels", AttributeValue.fromSs(List.of("work", "urgent")));
                case 3 -> row.put("prefs", AttributeValue.fromM(Map.of("theme", s("dark"),
                        "pinned", AttributeValue.fromL(List.of(s("a"), AttributeValue.fromN("1")))))); 
                default -> { }
            }
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** The Lambda process dies mid-invocation. An Error, so that no handler code can catch it as a fault. */
    static final class Crash extends Error {
        Crash() {
            super("injected crash", null, false, false);
        }
    }
}
