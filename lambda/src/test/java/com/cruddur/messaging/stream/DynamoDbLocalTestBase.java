package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.DEFAULT_TABLE_NAME;

import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.devkit.RequestRecorder;
import com.cruddur.messaging.devkit.TableDefinitions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Base of the integration tests: one in-memory DynamoDB Local per test class on a free port, and
 * before each test a fresh {@code cruddur-messages} table (created from the schema module, as in
 * production) holding the sample conversations. Every test runs once per {@link WriteMode}: the
 * same scenarios must hold on both write paths.
 *
 * <p>Every request the handler's clients send is recorded ({@link #RECORDED}, shared by every test
 * class of the JVM), with the write path it was sent on, and written after each class to the file
 * named by the system property {@value #RECORDED_REQUESTS_PROPERTY} (lambda/pom.xml sets it): the
 * infra tests evaluate each of them against the IAM and endpoint policies the stack deploys for
 * that write path.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(WriteMode.class)
abstract class DynamoDbLocalTestBase {

    /** The write path under test. */
    @Parameter
    WriteMode writeMode;

    static final String TABLE = DEFAULT_TABLE_NAME;

    static LocalDynamoDb dynamoDb;
    /** Counts the requests of {@link #client} (the handler's client). */
    static final RequestCounter requests = new RequestCounter();
    /** What the handler's clients asked DynamoDB for, in every test class of this JVM. */
    static final RequestRecorder RECORDED = new RequestRecorder();
    static final String RECORDED_REQUESTS_PROPERTY = "recorded.requests.file";
    /** The handler's client; its requests are counted and recorded. */
    static DynamoDbClient client;
    /** A second client for the tests' own reads and writes, not counted. */
    static DynamoDbClient admin;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDb = LocalDynamoDb.start();
        client = handlerClient(requests);
        admin = dynamoDb.client();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        client.close();
        admin.close();
        dynamoDb.close();
        String file = System.getProperty(RECORDED_REQUESTS_PROPERTY);
        if (file != null) {
            RECORDED.writeTo(Path.of(file));
        }
    }

    /** A client for a handler: its requests are recorded, and seen by the given interceptors. */
    static DynamoDbClient handlerClient(ExecutionInterceptor... interceptors) {
        ExecutionInterceptor[] all = new ExecutionInterceptor[interceptors.length + 1];
        all[0] = RECORDED;
        System.arraycopy(interceptors, 0, all, 1, interceptors.length);
        return dynamoDb.client(all);
    }

    @BeforeEach
    void recordUnderThisWritePath() {
        RECORDED.writeMode(writeMode.value());
    }

    @BeforeEach
    void freshTableWithSampleConversations() {
        if (TableDefinitions.tableExists(admin, TABLE)) {
            admin.deleteTable(b -> b.tableName(TABLE));
        }
        TableDefinitions.createTable(admin, TABLE);
        Items.putAll(admin, TABLE, Fixtures.seedItems(), n -> { });
        requests.reset();
    }

    /** The default configuration on the write path under test. */
    Config config() {
        return Config.defaults().withWriteMode(writeMode);
    }

    /** A handler on the counted client, on the write path under test, that does not wait between retries. */
    MessageGroupStreamHandler handler() {
        return new MessageGroupStreamHandler(client, config(), d -> { });
    }

    /** The operation of the first write a conversation's update sends on the write path under test. */
    String firstWrite() {
        return writeMode == WriteMode.TRANSACTIONAL ? "TransactWriteItems" : "PutItem";
    }

    /** Whether an operation writes group rows on the write path under test. */
    boolean isWrite(String operation) {
        return writeMode == WriteMode.TRANSACTIONAL ? operation.equals("TransactWriteItems")
                : List.of("PutItem", "DeleteItem", "UpdateItem").contains(operation);
    }

    /**
     * The write requests of {@code conversations} updates that each re-create {@code rowsEach}
     * rows, by operation: one transaction per conversation, or a put and a delete per row.
     */
    Map<String, Integer> writesFor(int conversations, int rowsEach) {
        return writeMode == WriteMode.TRANSACTIONAL
                ? Map.of("TransactWriteItems", conversations)
                : Map.of("PutItem", conversations * rowsEach, "DeleteItem", conversations * rowsEach);
    }

    static List<Map<String, AttributeValue>> allItems() {
        return Items.scanAll(admin, TABLE);
    }

    /** The conversation-list rows of a user, newest first, as {@code group -> [sk, message]} lines. */
    static List<String> conversationList(String userUuid) {
        return admin.query(b -> b.tableName(TABLE)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("GRP#" + userUuid)))
                        .scanIndexForward(false)
                        .consistentRead(true))
                .items().stream()
                .map(i -> i.get("message_group_uuid").s() + " " + i.get("sk").s() + " " + i.get("message").s())
                .toList();
    }

    static Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("pk", AttributeValue.fromS(pk));
        key.put("sk", AttributeValue.fromS(sk));
        Map<String, AttributeValue> item = admin.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    static void put(Map<String, AttributeValue> item) {
        admin.putItem(b -> b.tableName(TABLE).item(item));
    }
}
