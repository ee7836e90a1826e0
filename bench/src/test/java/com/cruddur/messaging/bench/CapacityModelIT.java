package com.cruddur.messaging.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.stream.ItemSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The capacity model against worked examples computed by hand from DynamoDB's documented rules
 * ("DynamoDB item sizes and formats", "DynamoDB read and write operations", "Paginating table query
 * results in DynamoDB", "Amazon DynamoDB Transactions: How it works"). Each expected figure is a
 * number written here with its arithmetic, never the model's own output; each is compared with the
 * model and, where DynamoDB Local 2.6.1 reports it faithfully, with its {@code ReturnConsumedCapacity}.
 * Where it does not (a query past 1 MB, transactions), the test says what it reports instead.
 *
 * <p>The rows: {@code pk} "GRP#u" (2 + 5 = 7 bytes), {@code sk} a 32-character timestamp (2 + 32 = 34),
 * {@code message_group_uuid} "g" (18 + 1 = 19), {@code message} of n x's (7 + n): 67 + n bytes,
 * plus whatever attribute an example adds.
 */
class CapacityModelIT {

    private static final String SK = "2026-11-21T12:00:00.000000+00:00";
    private static final String INDEX = MessagesTable.GROUP_INDEX_NAME;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private static LocalDynamoDb dynamoDb;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        client = dynamoDb.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        dynamoDb.close();
    }

    /** A row of the schema: 67 + n bytes before {@code extra}. */
    private static Map<String, AttributeValue> row(String group, String owner, int n, Object... extra) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        row.put(MessagesTable.PK, AttributeValue.fromS("GRP#" + owner));
        row.put(MessagesTable.SK, AttributeValue.fromS(SK));
        row.put(MessagesTable.ATTR_MESSAGE_GROUP_UUID, AttributeValue.fromS(group));
        row.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS("x".repeat(n)));
        for (int i = 0; i < extra.length; i += 2) {
            row.put((String) extra[i], (AttributeValue) extra[i + 1]);
        }
        return row;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A put's worked example: the item, its size by hand, and the write units of the table and the index. */
    static Stream<Arguments> puts() {
        return Stream.of(
                // 67 + 957 = 1024: one KB, one unit; in the index (it has message_group_uuid): one more
                Arguments.of("1 KB", row("g", "u", 957), 1024, 1, 1),
                // 67 + 958 = 1025: a byte over, two units
                Arguments.of("1 KB + 1", row("g", "u", 958), 1025, 2, 2),
                // 67 + 4029 = 4096: four units; 4097: five
                Arguments.of("4 KB", row("g", "u", 4029), 4096, 4, 4),
                Arguments.of("4 KB + 1", row("g", "u", 4030), 4097, 5, 5),
                // a 38-digit number: 19 + 1 = 20 bytes, "n" 1: 67 + 936 + 21 = 1024, then 1025
                Arguments.of("38-digit number", row("g", "u", 936, "n", AttributeValue.fromN("12345678901234567890123456789012345678")), 1024, 1, 1),
                Arguments.of("38-digit number + 1", row("g", "u", 937, "n", AttributeValue.fromN("12345678901234567890123456789012345678")), 1025, 2, 2),
                // 1000000: one significant digit, 1 + 1 = 2 bytes, "n" 1: 67 + 954 + 3 = 1024
                Arguments.of("number, trailing zeroes", row("g", "u", 954, "n", AttributeValue.fromN("1000000")), 1024, 1, 1),
                // a string set {ab, cd, ef}: its elements, 6, no overhead of its own; "tags" 4: 67 + 947 + 10 = 1024, then 1025
                Arguments.of("string set", row("g", "u", 947, "tags", AttributeValue.fromSs(List.of("ab", "cd", "ef"))), 1024, 1, 1),
                Arguments.of("string set + 1", row("g", "u", 948, "tags", AttributeValue.fromSs(List.of("ab", "cd", "ef"))), 1025, 2, 2),
                // a number set {1, 22, 333}: 2 + 2 + 3 = 7; "ns" 2: 67 + 948 + 9 = 1024, then 1025
                Arguments.of("number set", row("g", "u", 948, "ns", AttributeValue.fromNs(List.of("1", "22", "333"))), 1024, 1, 1),
                Arguments.of("number set + 1", row("g", "u", 949, "ns", AttributeValue.fromNs(List.of("1", "22", "333"))), 1025, 2, 2),
                // a map {a: ab, b: cd}: 3 + (1 + 1 + 2) + (1 + 1 + 2) = 11; "m" 1: 67 + 945 + 12 = 1024, then 1025
                Arguments.of("map", row("g", "u", 945, "m", AttributeValue.fromM(Map.of("a", s("ab"), "b", s("cd")))), 1024, 1, 1),
                Arguments.of("map + 1", row("g", "u", 946, "m", AttributeValue.fromM(Map.of("a", s("ab"), "b", s("cd")))), 1025, 2, 2),
                // a list [ab, cd, ef]: 3 + 3 x (1 + 2) = 12; "l" 1: 67 + 944 + 13 = 1024, then 1025
                Arguments.of("list", row("g", "u", 944, "l", AttributeValue.fromL(List.of(s("ab"), s("cd"), s("ef")))), 1024, 1, 1),
                Arguments.of("list + 1", row("g", "u", 945, "l", AttributeValue.fromL(List.of(s("ab"), s("cd"), s("ef")))), 1025, 2, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("puts")
    void aPutCostsOneUnitPerKilobyteInTheTableAndAgainInTheIndex(String example, Map<String, AttributeValue> item,
                                                                  long bytes, double table, double index) {
        String name = table();

        ConsumedCapacity reported = client.putItem(b -> b.tableName(name).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();

        assertThat(ItemSize.of(item)).as("size").isEqualTo(bytes);
        assertThat(CapacityModel.writeUnits(bytes)).as("the model").isEqualTo(table);
        assertThat(reported.table().capacityUnits()).as("DynamoDB Local, table").isEqualTo(table);
        assertThat(reported.globalSecondaryIndexes().get(INDEX).capacityUnits()).as("DynamoDB Local, index").isEqualTo(index);
    }

    @Test
    void anItemTheIndexDoesNotHoldWritesTheTableOnly() {
        // a message item has no message_group_uuid: "pk" 2 + "MSG#g" 5, "sk" 34, "message" 7 + 1952 = 2000: two units
        Map<String, AttributeValue> message = new LinkedHashMap<>();
        message.put(MessagesTable.PK, s("MSG#g"));
        message.put(MessagesTable.SK, s(SK));
        message.put(MessagesTable.ATTR_MESSAGE, s("x".repeat(1952)));
        String name = table();

        ConsumedCapacity reported = client.putItem(b -> b.tableName(name).item(message)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();

        assertThat(ItemSize.of(message)).isEqualTo(2000);
        assertThat(CapacityModel.writeUnits(2000)).isEqualTo(2);
        assertThat(reported.table().capacityUnits()).isEqualTo(2);
        assertThat(reported.hasGlobalSecondaryIndexes() ? reported.globalSecondaryIndexes() : Map.of()).doesNotContainKey(INDEX);
    }

    @Test
    void aDeleteCostsTheDeletedItemsUnitsInTheTableAndTheIndex() {
        String name = table();
        Map<String, AttributeValue> item = row("g", "u", 958); // 1025 bytes: two units
        client.putItem(b -> b.tableName(name).item(item));

        ConsumedCapacity reported = client.deleteItem(b -> b.tableName(name)
                .key(Map.of(MessagesTable.PK, item.get(MessagesTable.PK), MessagesTable.SK, item.get(MessagesTable.SK)))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();

        assertThat(reported.table().capacityUnits()).isEqualTo(2);
        assertThat(reported.globalSecondaryIndexes().get(INDEX).capacityUnits()).isEqualTo(2);
    }

    @Test
    void aQueryOfTheIndexCostsHalfAUnitPerFourKilobytesOfItsItemsRoundedUp() {
        String name = table();
        // two rows of 68 + 1980 = 2048 bytes ("GRP#u1" is one byte longer than "GRP#u"): 4096 in all,
        // one 4 KB unit, eventually consistent: 0.5
        List<Map<String, AttributeValue>> fits = List.of(row("a", "u1", 1980), row("a", "u2", 1980));
        // 2048 + 2049 = 4097: two 4 KB units, half: 1.0
        List<Map<String, AttributeValue>> over = List.of(row("b", "u3", 1980), row("b", "u4", 1981));
        Stream.concat(fits.stream(), over.stream()).forEach(item -> client.putItem(b -> b.tableName(name).item(item)));

        assertThat(fits.stream().mapToLong(ItemSize::of).sum()).isEqualTo(4096);
        assertThat(over.stream().mapToLong(ItemSize::of).sum()).isEqualTo(4097);
        assertThat(CapacityModel.queryReadUnits(fits)).isEqualTo(0.5);
        assertThat(CapacityModel.queryReadUnits(over)).isEqualTo(1.0);
        assertThat(indexUnits(query(name, "a"))).isEqualTo(0.5);
        assertThat(indexUnits(query(name, "b"))).isEqualTo(1.0);
    }

    @Test
    void aQueryPastOneMegabyteIsTwoPagesEachRoundedButDynamoDbLocalReturnsOne() {
        String name = table();
        // four rows of 68 + 299933 = 300001 bytes; a page holds at most 1 MB (1048576): three rows
        // (900003), then one. Per page: ceil(900003 / 4096) = 220, half: 110; ceil(300001 / 4096) = 74,
        // half: 37. In all 147 (one page of all four would cost ceil(1200004 / 4096) / 2 = 146.5).
        List<Map<String, AttributeValue>> rows = List.of(row("p", "u1", 299_933), row("p", "u2", 299_933),
                row("p", "u3", 299_933), row("p", "u4", 299_933));
        rows.forEach(item -> client.putItem(b -> b.tableName(name).item(item)));

        assertThat(rows).allSatisfy(r -> assertThat(ItemSize.of(r)).isEqualTo(300_001));
        assertThat(CapacityModel.pages(rows)).extracting(List::size).containsExactly(3, 1);
        assertThat(CapacityModel.queryReadUnits(rows)).isEqualTo(147);
        // DynamoDB Local 2.6.1 does not apply the 1 MB page limit: one page, rounded once.
        QueryResponse local = query(name, "p");
        assertThat(local.count()).isEqualTo(4);
        assertThat(indexUnits(local)).isEqualTo(146.5);
    }

    @Test
    void aTransactionalWriteCostsTwiceAPlainOneButDynamoDbLocalReportsNoSuchRule() {
        // The delete of a 1024-byte row (1 unit) and the put of a 1025-byte row (2 units), transactional:
        // 2 x 1 + 2 x 2 = 6 units in the table (and, by the model's assumption, 6 in the index).
        assertThat(CapacityModel.transactionalWriteUnits(1024) + CapacityModel.transactionalWriteUnits(1025)).isEqualTo(6);
        String name = table();

        // DynamoDB Local's figures: one 3 KB put reports 12 table units (the rule: 2 x 3 = 6), two
        // 100-byte puts report 4 (the rule: 2 x 1 + 2 x 1 = 4). It cannot stand for the model.
        assertThat(transactionTableUnits(name, row("t", "a", 3 * 1024 - 67))).isEqualTo(12);
        assertThat(transactionTableUnits(name, row("t", "b", 33), row("t", "c", 33))).isEqualTo(4);
    }

    /**
     * The model against DynamoDB Local on the benchmark's own workloads, where DynamoDB Local is
     * faithful: every index query, and every plain write of the original design and of put-first.
     */
    static List<Arguments> workloads() {
        List<Arguments> cases = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            for (TrafficShape shape : TrafficShape.values()) {
                cases.add(Arguments.of(strategy, shape, 2));
            }
            cases.add(Arguments.of(strategy, TrafficShape.BURST, 5));
            cases.add(Arguments.of(strategy, TrafficShape.BURST, 20));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}, {2} participants")
    @MethodSource("workloads")
    void onTheBenchmarksWorkloadsTheModelAgreesWithDynamoDbLocalWhereItIsFaithful(Strategy strategy, TrafficShape shape,
                                                                                 int participants) {
        Workload workload = new Workload(6, participants, 16, 100, 0, 0, 11);
        String name = "workload-" + TABLES.incrementAndGet();
        Workloads.freshTable(client, name, workload);
        CapacityMeter meter = new CapacityMeter();
        List<DynamodbEvent> batches = shape.batches(workload, Workload.streamArn(name));
        try (DynamoDbClient metered = LocalDynamoDb.clientBuilder(dynamoDb.endpoint(), meter).build()) {
            batches.forEach(strategy.on(metered, name, 8));
        }

        CapacityMeter.Units measured = meter.snapshot();
        CapacityMeter.Units computed = CapacityModel.expected(strategy, workload, batches, name);
        assertThat(measured.unmetered()).as("requests that reported no capacity").isZero();
        assertThat(measured.indexRead()).as("index read units").isEqualTo(computed.indexRead());
        assertThat(computed.write()).isPositive();
        if (strategy == Strategy.TRANSACTIONAL) {
            assertThat(measured.transactions()).isPositive();
        } else {
            assertThat(measured.tableWrite()).as("table write units").isEqualTo(computed.tableWrite());
            assertThat(measured.indexWrite()).as("index write units").isEqualTo(computed.indexWrite());
        }
    }

    @SafeVarargs
    private static double transactionTableUnits(String table, Map<String, AttributeValue>... puts) {
        List<TransactWriteItem> items = Stream.of(puts)
                .map(item -> TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build()).toList();
        return client.transactWriteItems(b -> b.transactItems(items).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity().getFirst().table().capacityUnits();
    }

    private static QueryResponse query(String table, String group) {
        return client.query(b -> b.tableName(table).indexName(INDEX)
                .keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", MessagesTable.ATTR_MESSAGE_GROUP_UUID))
                .expressionAttributeValues(Map.of(":g", s(group)))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
    }

    private static double indexUnits(QueryResponse response) {
        return response.consumedCapacity().globalSecondaryIndexes().get(INDEX).capacityUnits();
    }

    private static String table() {
        String name = "capacity-" + TABLES.incrementAndGet();
        TableDefinitions.createTable(client, name);
        return name;
    }
}
