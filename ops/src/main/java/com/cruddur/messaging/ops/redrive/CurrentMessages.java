package com.cruddur.messaging.ops.redrive;

import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A failure object's records brought up to date before they are applied: a payload can be a week
 * old, and since then its message may have been deleted or edited. Each message is read again, with
 * a strongly consistent {@code GetItem} of the record's keys: a message that is gone is left out
 * (applying its old image would bring deleted text back into a conversation list), and one that
 * still exists is applied with the item as the table holds it now as its {@code NewImage} (so an
 * edit made since is not undone). A record without usable keys is kept as it is: the handler names
 * it as malformed and skips it.
 */
final class CurrentMessages {

    /**
     * What the re-read came to.
     *
     * @param records the records to apply, each with the item as it is now
     * @param deleted the keys ({@code pk sk}) of messages deleted since, left out
     * @param changed records whose message differs from the payload's image (edited since)
     */
    record Result(List<JsonNode> records, List<String> deleted, int changed) {
    }

    private CurrentMessages() {
    }

    static Result reread(List<JsonNode> records, DynamoDbClient dynamo, String table) {
        List<JsonNode> current = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        int changed = 0;
        // A payload may hold several images of one message: one read each.
        Map<List<String>, Optional<Map<String, AttributeValue>>> read = new HashMap<>();
        for (JsonNode record : records) {
            JsonNode keys = record.path("dynamodb").path("Keys");
            String pk = keys.path(MessagesTable.PK).path("S").textValue();
            String sk = keys.path(MessagesTable.SK).path("S").textValue();
            if (pk == null || sk == null) {
                current.add(record);
                continue;
            }
            Optional<Map<String, AttributeValue>> item = read.computeIfAbsent(List.of(pk, sk), k -> getItem(dynamo, table, pk, sk));
            if (item.isEmpty()) {
                String key = pk + " " + sk;
                if (!deleted.contains(key)) {
                    deleted.add(key);
                }
                continue;
            }
            ObjectNode image = ItemJson.image(item.get());
            if (!image.equals(record.path("dynamodb").path("NewImage"))) {
                changed++;
            }
            ObjectNode updated = record.deepCopy();
            ((ObjectNode) updated.get("dynamodb")).set("NewImage", image);
            current.add(updated);
        }
        return new Result(List.copyOf(current), List.copyOf(deleted), changed);
    }

    private static Optional<Map<String, AttributeValue>> getItem(DynamoDbClient dynamo, String table, String pk, String sk) {
        var response = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(MessagesTable.PK, AttributeValue.fromS(pk), MessagesTable.SK, AttributeValue.fromS(sk))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }
}
