package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The benchmark's yardstick: the original design's strategy, re-implemented only to be measured
 * (never deployed). Each record on its own, sequentially: one index query, then for each row a
 * delete and a put. It keeps that design's request pattern and none of its bugs that would change
 * the request count (every record is handled, not only the first).
 */
record BaselineStrategy(DynamoDbClient client, String table) {

    void process(DynamodbEvent batch) {
        for (DynamodbStreamRecord record : batch.getRecords()) {
            String pk = record.getDynamodb().getKeys().get(MessagesTable.PK).getS();
            if (!pk.startsWith(MessagesTable.MESSAGE_PREFIX)) {
                continue;
            }
            String group = pk.substring(MessagesTable.MESSAGE_PREFIX.length());
            String sk = record.getDynamodb().getKeys().get(MessagesTable.SK).getS();
            String text = record.getDynamodb().getNewImage().get(MessagesTable.ATTR_MESSAGE).getS();
            var rows = client.query(b -> b.tableName(table).indexName(MessagesTable.GROUP_INDEX_NAME)
                    .keyConditionExpression("message_group_uuid = :g")
                    .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(group)))).items();
            for (Map<String, AttributeValue> row : rows) {
                client.deleteItem(b -> b.tableName(table).key(Map.of(
                        MessagesTable.PK, row.get(MessagesTable.PK), MessagesTable.SK, row.get(MessagesTable.SK))));
                Map<String, AttributeValue> moved = new LinkedHashMap<>(row);
                moved.put(MessagesTable.SK, AttributeValue.fromS(sk));
                moved.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS(text));
                client.putItem(b -> b.tableName(table).item(moved));
            }
        }
    }
}
