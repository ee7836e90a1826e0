package com.cruddur.messaging.local.table;

import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The table's access patterns, as the app uses them, for the CLI's views. */
public final class Conversations {

    /**
     * One row of a user's conversation list.
     *
     * @param groupUuid the conversation
     * @param otherUuid the other participant
     * @param otherName the other participant's display name
     * @param lastAt    the row's sort key: when the last message was sent
     * @param message   the last message
     */
    public record Row(String groupUuid, String otherUuid, String otherName, String lastAt, String message) {
    }

    /**
     * One message.
     *
     * @param createdAt  its sort key
     * @param senderUuid the sender
     * @param senderName the sender's display name
     * @param text       the message
     */
    record Message(String createdAt, String senderUuid, String senderName, String text) {
    }

    private final DynamoDbClient client;
    private final String table;

    public Conversations(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** Access pattern B: a user's conversation list, newest first (strongly consistent). */
    public List<Row> listOf(String userUuid) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", MessagesTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(MessagesTable.groupPk(userUuid))))
                .scanIndexForward(false)
                .consistentRead(true), Integer.MAX_VALUE)) {
            rows.add(new Row(s(item, MessagesTable.ATTR_MESSAGE_GROUP_UUID), s(item, MessagesTable.ATTR_USER_UUID),
                    s(item, MessagesTable.ATTR_USER_DISPLAY_NAME), s(item, MessagesTable.SK),
                    s(item, MessagesTable.ATTR_MESSAGE)));
        }
        return rows;
    }

    /** Access pattern A: a conversation's messages, newest first. */
    List<Message> messages(String groupUuid, int limit) {
        List<Message> messages = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", MessagesTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(MessagesTable.messagePk(groupUuid))))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(Math.min(limit, 1000)), limit)) {
            messages.add(new Message(s(item, MessagesTable.SK), s(item, MessagesTable.ATTR_USER_UUID),
                    s(item, MessagesTable.ATTR_USER_DISPLAY_NAME), s(item, MessagesTable.ATTR_MESSAGE)));
        }
        return messages;
    }

    /** Every conversation-list row of a conversation, through the index (one per participant). */
    List<Map<String, AttributeValue>> groupRows(String groupUuid) {
        return query(QueryRequest.builder()
                .tableName(table)
                .indexName(MessagesTable.GROUP_INDEX_NAME)
                .keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", MessagesTable.GROUP_INDEX_PK))
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(groupUuid))), Integer.MAX_VALUE)
                .stream()
                .filter(item -> s(item, MessagesTable.PK).startsWith(MessagesTable.GROUP_PREFIX))
                .toList();
    }

    /**
     * The participants of conversations: the owners of their rows, in order of first appearance,
     * with the display names the rows hold (each participant's name is on the other's row).
     */
    public People participants(Iterable<String> groupUuids) {
        Set<String> owners = new LinkedHashSet<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (String group : groupUuids) {
            for (Map<String, AttributeValue> row : groupRows(group)) {
                owners.add(s(row, MessagesTable.PK).substring(MessagesTable.GROUP_PREFIX.length()));
                names.putIfAbsent(s(row, MessagesTable.ATTR_USER_UUID), s(row, MessagesTable.ATTR_USER_DISPLAY_NAME));
            }
        }
        return new People(List.copyOf(owners), names);
    }

    /** A display name for a user: from one of the user's conversations, else none. */
    String nameOf(String userUuid, List<Row> rows) {
        for (Row row : rows) {
            String name = participants(List.of(row.groupUuid())).names().get(userUuid);
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return null;
    }

    /**
     * Users and the names known for them.
     *
     * @param owners users who own rows, in order of first appearance
     * @param names  display name by user
     */
    public record People(List<String> owners, Map<String, String> names) {

        /** The owners, those not in {@code last} first: the recipients of a batch before its senders. */
        public List<String> ownersWithLast(Set<String> last) {
            List<String> ordered = new ArrayList<>(owners.stream().filter(o -> !last.contains(o)).toList());
            ordered.addAll(owners.stream().filter(last::contains).toList());
            return ordered;
        }

        public String label(String userUuid, Style style) {
            String name = names.get(userUuid);
            return (name == null || name.isBlank() ? "" : style.clip(name, 32) + " ") + "(" + style.shortId(userUuid) + ")";
        }
    }

    /** The items of a query, page after page (the SDK's paginator), at most {@code limit}. */
    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request, int limit) {
        return client.queryPaginator(request.build()).items().stream().limit(limit).toList();
    }

    static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
