package com.cruddur.messaging.devkit;

import com.cruddur.messaging.schema.MessagesTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Bulk item operations for developers' tables and tests: load, scan, sort. */
public final class Items {

    /** Items ordered by pk, then sk, as {@code --dump} prints them. */
    public static final Comparator<Map<String, AttributeValue>> BY_KEY = Comparator
            .comparing((Map<String, AttributeValue> i) -> i.get(MessagesTable.PK).s())
            .thenComparing(i -> i.get(MessagesTable.SK).s());

    private Items() {
    }

    /** Every item of the table, following pagination, ordered by pk then sk. */
    public static List<Map<String, AttributeValue>> scanAll(DynamoDbClient client, String tableName) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(
                client.scanPaginator(b -> b.tableName(tableName).consistentRead(true)).items().stream().toList());
        items.sort(BY_KEY);
        return items;
    }

    /**
     * Writes items in batches of 25, resubmitting unprocessed ones.
     *
     * @param progress called with the number of items written so far
     */
    public static void putAll(DynamoDbClient client, String tableName, List<Map<String, AttributeValue>> items,
                              IntConsumer progress) {
        int written = 0;
        for (int from = 0; from < items.size(); from += 25) {
            List<WriteRequest> batch = items.subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(tableName, batch);
            while (!pending.isEmpty()) {
                BatchWriteItemResponse response = client.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(pending).build());
                pending = response.hasUnprocessedItems()
                        && response.unprocessedItems().values().stream().anyMatch(w -> !w.isEmpty())
                        ? response.unprocessedItems() : Map.of();
            }
            written += batch.size();
            progress.accept(written);
        }
    }
}
