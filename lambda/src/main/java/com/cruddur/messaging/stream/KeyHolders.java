package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE_GROUP_UUID;
import static com.cruddur.messaging.schema.MessagesTable.PK;
import static com.cruddur.messaging.schema.MessagesTable.SK;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Who holds a key a put could not take. A put fails its condition when the key holds a row of
 * another conversation (two conversations of one user ending at the same instant: the planner
 * then moves this row to the next free later key) or, harmlessly, when the key changed hands since
 * the read (a re-read is enough).
 */
final class KeyHolders {

    private final DynamoDbClient client;
    private final String tableName;

    KeyHolders(DynamoDbClient client, String tableName) {
        this.client = client;
        this.tableName = tableName;
    }

    /**
     * Adds {@code key} to {@code taken} if another conversation's row holds it.
     *
     * @param holder the row DynamoDB returned with the failed condition, or null (or empty) when it
     *               returned none: then a consistent read tells
     */
    void check(String messageGroupUuid, Map<String, AttributeValue> key, Map<String, AttributeValue> holder,
               Taken taken) {
        Map<String, AttributeValue> row = holder != null && !holder.isEmpty()
                ? holder
                : client.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item();
        AttributeValue holderGroup = row == null ? null : row.get(ATTR_MESSAGE_GROUP_UUID);
        if (row != null && !row.isEmpty() && (holderGroup == null || !messageGroupUuid.equals(holderGroup.s()))) {
            taken.add(key);
        }
    }

    /** Keys found held by other conversations: partition key to sort keys. */
    static final class Taken {
        private final Map<String, List<String>> keys = new LinkedHashMap<>();

        void add(Map<String, AttributeValue> key) {
            keys.computeIfAbsent(key.get(PK).s(), k -> new ArrayList<>()).add(key.get(SK).s());
        }

        Map<String, List<String>> keys() {
            return keys;
        }
    }
}
