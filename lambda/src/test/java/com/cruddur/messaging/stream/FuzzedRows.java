package com.cruddur.messaging.stream;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The conversation-list rows the planner reads, for a fuzz input: the items of the input's top-level
 * {@code "rows"} member (DynamoDB JSON, which Lambda's serializer ignores), so the fuzzer mutates
 * the rows and the event together; without that member (the sample events), rows derived from
 * the messages so that every branch of the planner is taken: an older row, a row at the message's
 * key, a newer row and a duplicate.
 *
 * <p>As DynamoDB would return them: one item per key, in the order given; items that are not rows
 * are dropped at the same boundary as {@link GroupRowStore}'s ({@link GroupRow#from}).
 */
final class FuzzedRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FuzzedRows() {
    }

    static List<GroupRow> of(byte[] input, List<NewMessage> messages) {
        JsonNode given = rowsMember(input);
        List<Map<String, AttributeValue>> items = given == null ? derived(messages) : parsed(given);
        Map<String, GroupRow> byKey = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : items) {
            GroupRow.from(item).ifPresent(row -> byKey.putIfAbsent(row.pk() + "\u0000" + row.sk(), row));
        }
        return List.copyOf(byKey.values());
    }

    private static JsonNode rowsMember(byte[] input) {
        try {
            JsonNode root = JSON.readTree(input);
            JsonNode rows = root == null ? null : root.get("rows");
            return rows != null && rows.isArray() ? rows : null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static List<Map<String, AttributeValue>> parsed(JsonNode rows) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (JsonNode row : rows) {
            try {
                items.add(DynamoJson.parseItem(row.toString()));
            } catch (IllegalArgumentException notDynamoJson) {
                // DynamoDB never returns such an item: not a row the planner can be given.
            }
        }
        return items;
    }

    private static List<Map<String, AttributeValue>> derived(List<NewMessage> messages) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (NewMessage m : messages) {
            String group = m.messageGroupUuid();
            items.add(row("GRP#older-" + group, "0000-01-01T00:00:00Z", group));
            items.add(row("GRP#older-" + group, "0000-01-01T00:00:00.5Z", group));
            items.add(row("GRP#same-" + group, m.createdAt(), group));
            items.add(row("GRP#newer-" + group, Timestamps.nextAfter(m.createdAt()), group));
        }
        return items;
    }

    private static Map<String, AttributeValue> row(String pk, String sk, String group) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(MessagesTable.PK, AttributeValue.fromS(pk));
        item.put(MessagesTable.SK, AttributeValue.fromS(sk));
        item.put(MessagesTable.ATTR_MESSAGE_GROUP_UUID, AttributeValue.fromS(group));
        item.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS("before"));
        item.put(MessagesTable.ATTR_USER_HANDLE, AttributeValue.fromS("someone"));
        return item;
    }
}
