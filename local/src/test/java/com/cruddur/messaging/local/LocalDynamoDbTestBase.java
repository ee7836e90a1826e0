package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/**
 * Base of the integration tests: one DynamoDB Local per test class, started separately from the
 * CLI on a free port, as a developer's docker-compose one would be. Each test works on a table
 * of its own ({@link #newTable()}), so tests never see each other's data.
 */
public abstract class LocalDynamoDbTestBase {

    private static final AtomicInteger TABLES = new AtomicInteger();

    protected static LocalDynamoDb dynamoDb;
    /** The endpoint, as passed to --endpoint. */
    protected static String endpoint;
    /** The tests' own client, for arranging and checking data. */
    protected static DynamoDbClient admin;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDb = LocalDynamoDb.start();
        endpoint = dynamoDb.endpoint().toString();
        admin = dynamoDb.client();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        admin.close();
        dynamoDb.close();
    }

    /**
     * Drops {@code cruddur-messages}: the tests that replay the sample events use that table, since
     * the handler rejects records whose eventSourceARN names another table.
     */
    @BeforeEach
    void dropTheDefaultTable() {
        if (TableDefinitions.tableExists(admin, MessagesTable.DEFAULT_TABLE_NAME)) {
            admin.deleteTable(b -> b.tableName(MessagesTable.DEFAULT_TABLE_NAME));
        }
    }

    /**
     * A table as the schema defines it but without the index: the handler cannot find a
     * conversation's rows in it, a failure no retry overcomes.
     */
    protected static void createTableWithoutIndex(String table) {
        CreateTableRequest full = TableDefinitions.createTableRequest(table);
        admin.createTable(full.toBuilder()
                .globalSecondaryIndexes((Collection<GlobalSecondaryIndex>) null)
                .attributeDefinitions(full.attributeDefinitions().stream()
                        .filter(a -> !a.attributeName().equals(MessagesTable.GROUP_INDEX_PK)).toList())
                .build());
    }

    /** A table name no other test uses. */
    protected static String newTable() {
        return "messages-" + TABLES.incrementAndGet();
    }
}
