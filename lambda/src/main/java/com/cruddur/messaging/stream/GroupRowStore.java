package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE_GROUP_UUID;
import static com.cruddur.messaging.schema.MessagesTable.GROUP_PREFIX;
import static com.cruddur.messaging.schema.MessagesTable.PK;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The handler's only I/O: reads a conversation's rows from the index, and applies planned
 * actions in the configured {@link WriteMode}.
 */
final class GroupRowStore {

    private final DynamoDbClient client;
    private final String tableName;
    private final String indexName;
    private final WriteMode writeMode;
    private final RowWriter writer;

    public GroupRowStore(DynamoDbClient client, String tableName, String indexName, WriteMode writeMode) {
        this.client = client;
        this.tableName = tableName;
        this.indexName = indexName;
        this.writeMode = writeMode;
        KeyHolders holders = new KeyHolders(client, tableName);
        this.writer = switch (writeMode) {
            case TRANSACTIONAL -> new TransactionalWriter(client, tableName, holders);
            case PUT_FIRST -> new PutFirstWriter(client, tableName, holders);
        };
    }

    WriteMode writeMode() {
        return writeMode;
    }

    /**
     * Priming only: the put of {@code row} as the put-first path sends it, with the condition that
     * the row already exists as it is, which an absent row fails: refused, nothing written.
     * Returns whether it was refused.
     */
    boolean putRefused(GroupRow row) {
        try {
            client.putItem(RowWrite.refusedPut(row).toPutItem(tableName));
            return false;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return true;
        }
    }

    /**
     * Every conversation-list row of a conversation, following the index's pagination to the end.
     * The index is eventually consistent: what it returns may lag the table, which the writes'
     * conditions detect.
     */
    public List<GroupRow> findRows(String messageGroupUuid) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#g", ATTR_MESSAGE_GROUP_UUID);
        names.put("#pk", PK);
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":g", AttributeValue.fromS(messageGroupUuid));
        values.put(":grp", AttributeValue.fromS(GROUP_PREFIX));
        QueryRequest request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(indexName)
                .keyConditionExpression("#g = :g")
                // Message items may carry message_group_uuid too: never return them.
                .filterExpression("begins_with(#pk, :grp)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        // The paginator follows LastEvaluatedKey to the end, one request per page.
        return client.queryPaginator(request).items().stream()
                .map(GroupRow::from)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Applies one conversation's actions; see {@link RowWriter#apply}.
     *
     * @param moves the update's re-creations in flight, across its attempts
     */
    public WriteResult apply(String messageGroupUuid, List<RowAction> actions, MovesInFlight moves) {
        return writer.apply(messageGroupUuid, actions, moves);
    }
}
