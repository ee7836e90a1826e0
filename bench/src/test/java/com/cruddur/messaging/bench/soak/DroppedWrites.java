package com.cruddur.messaging.bench.soak;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A handler that silently drops its updates, made at its client's seam: every write request goes
 * to {@code sink}, a table of the same schema, without its condition, so it succeeds and the
 * handler reports the conversation updated while the real table never changes. Reads still go to
 * the real table. DynamoDB is not imitated: the sink is a real table.
 */
final class DroppedWrites implements ExecutionInterceptor {

    private final String sink;

    DroppedWrites(String sink) {
        this.sink = sink;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return switch (context.request()) {
            case PutItemRequest put -> put.toBuilder().tableName(sink).conditionExpression(null)
                    .expressionAttributeNames(null).expressionAttributeValues(null).build();
            case DeleteItemRequest delete -> delete.toBuilder().tableName(sink).conditionExpression(null)
                    .expressionAttributeNames(null).expressionAttributeValues(null).build();
            case UpdateItemRequest update -> update.toBuilder().tableName(sink).conditionExpression(null).build();
            case TransactWriteItemsRequest transaction -> transaction.toBuilder()
                    .transactItems(transaction.transactItems().stream().filter(i -> i.conditionCheck() == null)
                            .map(this::toSink).toList()).build();
            case BatchWriteItemRequest batch -> batch.toBuilder().requestItems(Map.of(sink,
                    batch.requestItems().values().stream().flatMap(List::stream).toList())).build();
            default -> context.request();
        };
    }

    private TransactWriteItem toSink(TransactWriteItem item) {
        TransactWriteItem.Builder builder = item.toBuilder();
        if (item.put() != null) {
            builder.put(item.put().toBuilder().tableName(sink).conditionExpression(null)
                    .expressionAttributeNames(null).expressionAttributeValues(null).build());
        }
        if (item.delete() != null) {
            builder.delete(item.delete().toBuilder().tableName(sink).conditionExpression(null)
                    .expressionAttributeNames(null).expressionAttributeValues(null).build());
        }
        if (item.update() != null) {
            builder.update(item.update().toBuilder().tableName(sink).conditionExpression(null).build());
        }
        return builder.build();
    }
}
