package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE;
import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE_GROUP_UUID;
import static com.cruddur.messaging.schema.MessagesTable.GROUP_PREFIX;
import static com.cruddur.messaging.schema.MessagesTable.PK;
import static com.cruddur.messaging.schema.MessagesTable.SK;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A conversation-list row as stored: the item, every attribute of it, known or not (a re-created
 * row carries them all, and the writes' conditions compare them all), with the few the planner
 * decides on by name. Built at {@link GroupRowStore}'s boundary: only items whose key begins with
 * {@code GRP#}, with a string sort key and a conversation id, are rows.
 *
 * @param item the attributes, in the order read (conditions are built in that order)
 */
record GroupRow(Map<String, AttributeValue> item) {

    public GroupRow {
        if (!isRow(item)) {
            throw new IllegalArgumentException("not a conversation-list row: key " + item.get(PK) + " / " + item.get(SK));
        }
        item = Collections.unmodifiableMap(new LinkedHashMap<>(item));
    }

    /** The row this item is, or empty for any other item (a message item, a key that is not a string). */
    public static Optional<GroupRow> from(Map<String, AttributeValue> item) {
        return isRow(item) ? Optional.of(new GroupRow(item)) : Optional.empty();
    }

    /** The owner's partition key, {@code GRP#<user_uuid>}. */
    public String pk() {
        return item.get(PK).s();
    }

    /** The sort key: when the conversation's last message was sent. */
    public String sk() {
        return item.get(SK).s();
    }

    public String messageGroupUuid() {
        return item.get(ATTR_MESSAGE_GROUP_UUID).s();
    }

    /** The last message shown, or null when the row has none (or not as a string). */
    public String message() {
        AttributeValue value = item.get(ATTR_MESSAGE);
        return value == null ? null : value.s();
    }

    /** The primary key of the row. */
    public Map<String, AttributeValue> key() {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(PK, item.get(PK));
        key.put(SK, item.get(SK));
        return key;
    }

    /** This row at another sort key showing another last message; every other attribute kept. */
    public GroupRow movedTo(String sortKey, String text) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put(SK, AttributeValue.fromS(sortKey));
        copy.put(ATTR_MESSAGE, AttributeValue.fromS(text));
        return new GroupRow(copy);
    }

    private static boolean isRow(Map<String, AttributeValue> item) {
        return item != null
                && string(item, PK) != null && string(item, PK).startsWith(GROUP_PREFIX)
                && string(item, SK) != null
                && string(item, ATTR_MESSAGE_GROUP_UUID) != null;
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    @Override
    public String toString() {
        // Names and message text never reach a log line or an exception message.
        return "GroupRow[" + pk() + " " + sk() + " group " + messageGroupUuid() + "]";
    }
}
