package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE;
import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE_GROUP_UUID;
import static com.cruddur.messaging.schema.MessagesTable.GROUP_PREFIX;
import static com.cruddur.messaging.schema.MessagesTable.PK;
import static com.cruddur.messaging.schema.MessagesTable.SK;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The handler's only I/O: reads a conversation's rows from the index and applies planned actions
 * in transactions.
 */
public final class GroupRowStore {

    /** DynamoDB's limits for one TransactWriteItems: 100 actions and 4 MB. */
    static final int MAX_TRANSACTION_ACTIONS = 100;
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    /** Headroom under the byte limit for request framing and the estimate's error. */
    static final long TRANSACTION_BYTE_BUDGET = MAX_TRANSACTION_BYTES * 3 / 4;

    private final DynamoDbClient client;
    private final String tableName;
    private final String indexName;

    public GroupRowStore(DynamoDbClient client, String tableName, String indexName) {
        this.client = client;
        this.tableName = tableName;
        this.indexName = indexName;
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
     * Applies the actions in as few transactions as DynamoDB's limits allow. A row's delete and
     * put always travel in the same transaction, so a row is never missing, whatever fails.
     * Transactions run in order and the first one cancelled by a failed condition stops the rest:
     * the caller re-reads and re-plans.
     *
     * @return what was applied, and what made a transaction fail
     * @throws TransactionCanceledException if a transaction was cancelled for a reason other than a
     *         failed condition (a conflict with another transaction, throttling, validation)
     * @throws software.amazon.awssdk.core.exception.SdkException on any other failure
     */
    public WriteResult apply(String messageGroupUuid, List<RowAction> actions) {
        WriteResult result = WriteResult.NOTHING;
        for (List<RowAction> chunk : chunks(actions)) {
            List<TransactWriteItem> items = new ArrayList<>();
            List<Target> targets = new ArrayList<>();
            for (RowAction action : chunk) {
                addItems(messageGroupUuid, action, items, targets);
            }
            try {
                client.transactWriteItems(b -> b.transactItems(items));
            } catch (TransactionCanceledException e) {
                if (!hasFailedCondition(e)) {
                    throw e;
                }
                return result.plus(WriteResult.conflict(takenKeys(messageGroupUuid, e.cancellationReasons(), targets)));
            }
            result = result.plus(WriteResult.applied(chunk));
        }
        return result;
    }

    /** Splits actions into transactions within DynamoDB's limits; a row's actions stay together. */
    static List<List<RowAction>> chunks(List<RowAction> actions) {
        List<List<RowAction>> chunks = new ArrayList<>();
        List<RowAction> current = new ArrayList<>();
        int count = 0;
        long bytes = 0;
        for (RowAction action : actions) {
            int actionCount = action instanceof Recreate ? 2 : 1;
            long actionBytes = ItemSize.estimate(action);
            if (!current.isEmpty() && (count + actionCount > MAX_TRANSACTION_ACTIONS
                    || bytes + actionBytes > TRANSACTION_BYTE_BUDGET)) {
                chunks.add(current);
                current = new ArrayList<>();
                count = 0;
                bytes = 0;
            }
            current.add(action);
            count += actionCount;
            bytes += actionBytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    private void addItems(String messageGroupUuid, RowAction action, List<TransactWriteItem> items, List<Target> targets) {
        Map<String, AttributeValue> key = action.row().key();
        Conditions asRead = Conditions.unchangedSinceRead(action.row().item());
        switch (action) {
            case Recreate recreate -> {
                items.add(deleteAsRead(key, asRead));
                targets.add(null);
                Conditions free = Conditions.freeOrSameGroup(messageGroupUuid);
                items.add(TransactWriteItem.builder().put(Put.builder()
                        .tableName(tableName).item(recreate.replacement().item())
                        .conditionExpression(free.expression())
                        .expressionAttributeNames(free.names())
                        .expressionAttributeValues(free.values())
                        // On a collision, say whose row holds the key, without another read.
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build()).build());
                targets.add(new Target(recreate.replacement().key()));
            }
            case EditMessage edit -> {
                Map<String, String> names = new LinkedHashMap<>(asRead.names());
                names.put("#msg", ATTR_MESSAGE);
                Map<String, AttributeValue> values = new LinkedHashMap<>(asRead.values());
                values.put(":msg", AttributeValue.fromS(edit.text()));
                items.add(TransactWriteItem.builder().update(Update.builder()
                        .tableName(tableName).key(key)
                        .updateExpression("SET #msg = :msg")
                        .conditionExpression(asRead.expression())
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .build()).build());
                targets.add(null);
            }
            case RemoveDuplicate ignored -> {
                items.add(deleteAsRead(key, asRead));
                targets.add(null);
            }
        }
    }

    /** Deletes the row only while it is exactly as it was read. */
    private TransactWriteItem deleteAsRead(Map<String, AttributeValue> key, Conditions asRead) {
        return TransactWriteItem.builder().delete(Delete.builder()
                .tableName(tableName).key(key)
                .conditionExpression(asRead.expression())
                .expressionAttributeNames(asRead.names())
                .expressionAttributeValues(nullIfEmpty(asRead.values()))
                .build()).build();
    }

    private static boolean hasFailedCondition(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    /**
     * Keys whose put failed because another conversation's row holds them. A put that failed for
     * any other reason (the key now holds this conversation's row) needs only a re-read.
     */
    private Map<String, List<String>> takenKeys(String messageGroupUuid, List<CancellationReason> reasons,
                                                List<Target> targets) {
        Map<String, List<String>> taken = new LinkedHashMap<>();
        for (int i = 0; i < reasons.size() && i < targets.size(); i++) {
            Target target = targets.get(i);
            if (target == null || !"ConditionalCheckFailed".equals(reasons.get(i).code())) {
                continue;
            }
            Map<String, AttributeValue> holder = reasons.get(i).hasItem() && !reasons.get(i).item().isEmpty()
                    ? reasons.get(i).item()
                    : client.getItem(b -> b.tableName(tableName).key(target.key()).consistentRead(true)).item();
            AttributeValue holderGroup = holder == null ? null : holder.get(ATTR_MESSAGE_GROUP_UUID);
            if (holder != null && !holder.isEmpty()
                    && (holderGroup == null || !messageGroupUuid.equals(holderGroup.s()))) {
                taken.computeIfAbsent(target.key().get(PK).s(), k -> new ArrayList<>())
                        .add(target.key().get(SK).s());
            }
        }
        return taken;
    }

    private static Map<String, AttributeValue> nullIfEmpty(Map<String, AttributeValue> values) {
        return values.isEmpty() ? null : values;
    }

    /** The key a put of a transaction writes; null for other actions. */
    private record Target(Map<String, AttributeValue> key) {
    }
}
