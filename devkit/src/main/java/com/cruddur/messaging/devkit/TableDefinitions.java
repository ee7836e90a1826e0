package com.cruddur.messaging.devkit;

import com.cruddur.messaging.schema.MessagesTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates the messages table, its index and its stream from {@link MessagesTable}, as the CDK app does. */
public final class TableDefinitions {

    private TableDefinitions() {
    }

    /** The CreateTable request for a table of the given name, mirroring the CDK definition. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(
                        attribute(MessagesTable.PK),
                        attribute(MessagesTable.SK),
                        attribute(MessagesTable.GROUP_INDEX_PK))
                .keySchema(
                        key(MessagesTable.PK, KeyType.HASH),
                        key(MessagesTable.SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(MessagesTable.GROUP_INDEX_NAME)
                        .keySchema(
                                key(MessagesTable.GROUP_INDEX_PK, KeyType.HASH),
                                key(MessagesTable.GROUP_INDEX_SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.fromValue(MessagesTable.STREAM_VIEW_TYPE))
                        .build())
                .build();
    }

    /** Creates the table and waits until it is active. */
    public static void createTable(DynamoDbClient client, String tableName) {
        client.createTable(createTableRequest(tableName));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    /** Creates the table unless a table of that name exists; returns whether it created it. */
    public static boolean createTableIfMissing(DynamoDbClient client, String tableName) {
        if (tableExists(client, tableName)) {
            return false;
        }
        createTable(client, tableName);
        return true;
    }

    /** Whether a table of that name exists. */
    public static boolean tableExists(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(b -> b.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
