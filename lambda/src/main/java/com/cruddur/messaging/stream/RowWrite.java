package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One conditional write of one row, in the form both write paths send: as an action of a
 * {@code TransactWriteItems}, or as a request of its own. Never a blind write:
 * <ul>
 *   <li>a put goes only onto a free key or this conversation's own row, and on a collision returns
 *       the row that holds the key ({@code ReturnValuesOnConditionCheckFailure}), so the caller learns
 *       whose it is without another read;</li>
 *   <li>a delete or an edit goes through only while the row is exactly as it was read.</li>
 * </ul>
 *
 * @param kind      put, delete or update
 * @param key       the row's key
 * @param item      the whole new row, for a put; null otherwise
 * @param update    the update expression, for an update; null otherwise
 * @param condition the condition, with the placeholders of the update expression merged in
 */
record RowWrite(Kind kind, Map<String, AttributeValue> key, Map<String, AttributeValue> item, String update,
                Conditions condition) {

    enum Kind { PUT, DELETE, UPDATE }

    /** A re-created row's put. */
    static RowWrite put(String messageGroupUuid, GroupRow replacement) {
        return new RowWrite(Kind.PUT, replacement.key(), replacement.item(), null,
                Conditions.freeOrSameGroup(messageGroupUuid));
    }

    /** Priming's put: {@code row} on condition that it is already there as it is (so never, for a row that is not). */
    static RowWrite refusedPut(GroupRow row) {
        return new RowWrite(Kind.PUT, row.key(), row.item(), null, Conditions.unchangedSinceRead(row.item()));
    }

    /** The delete of a row that was moved or is a duplicate. */
    static RowWrite deleteAsRead(GroupRow row) {
        return new RowWrite(Kind.DELETE, row.key(), null, null, Conditions.unchangedSinceRead(row.item()));
    }

    /** The in-place edit of a row's last message. */
    static RowWrite edit(GroupRow row, String text) {
        Conditions asRead = Conditions.unchangedSinceRead(row.item());
        Map<String, String> names = new LinkedHashMap<>(asRead.names());
        names.put("#msg", ATTR_MESSAGE);
        Map<String, AttributeValue> values = new LinkedHashMap<>(asRead.values());
        values.put(":msg", AttributeValue.fromS(text));
        return new RowWrite(Kind.UPDATE, row.key(), null, "SET #msg = :msg",
                new Conditions(asRead.expression(), names, values));
    }

    /** The writes of one action in transaction order: a re-creation's delete, then its put. */
    static List<RowWrite> of(String messageGroupUuid, RowAction action) {
        return switch (action) {
            case Recreate r -> List.of(deleteAsRead(r.row()), put(messageGroupUuid, r.replacement()));
            case EditMessage e -> List.of(edit(e.row(), e.text()));
            case RemoveDuplicate d -> List.of(deleteAsRead(d.row()));
        };
    }

    TransactWriteItem toTransactItem(String table) {
        Map<String, AttributeValue> values = nullIfEmpty(condition.values());
        return switch (kind) {
            case PUT -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build();
            case DELETE -> TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key)
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(values)
                    .build()).build();
            case UPDATE -> TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                    .updateExpression(update)
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(values)
                    .build()).build();
        };
    }

    PutItemRequest toPutItem(String table) {
        return PutItemRequest.builder().tableName(table).item(item)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(nullIfEmpty(condition.values()))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    DeleteItemRequest toDeleteItem(String table) {
        return DeleteItemRequest.builder().tableName(table).key(key)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(nullIfEmpty(condition.values()))
                .build();
    }

    UpdateItemRequest toUpdateItem(String table) {
        return UpdateItemRequest.builder().tableName(table).key(key)
                .updateExpression(update)
                .conditionExpression(condition.expression())
                .expressionAttributeNames(condition.names())
                .expressionAttributeValues(nullIfEmpty(condition.values()))
                .build();
    }

    private static Map<String, AttributeValue> nullIfEmpty(Map<String, AttributeValue> values) {
        return values.isEmpty() ? null : values;
    }
}
