package com.cruddur.messaging.stream;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One planned change to one conversation-list row. Every action is conditional on the row as read. */
public sealed interface RowAction {

    /** The row as it was read. */
    Map<String, AttributeValue> row();

    /**
     * Move the row to a later sort key: delete {@code row} and put {@code replacement}, in one
     * transaction. {@code replacement} is {@code row} with only {@code sk} and {@code message} changed.
     */
    record Recreate(Map<String, AttributeValue> row, Map<String, AttributeValue> replacement) implements RowAction {
    }

    /** The row already sits at the message's sort key: set its {@code message} to {@code text}. */
    record EditMessage(Map<String, AttributeValue> row, String text) implements RowAction {
    }

    /** A second row of the same user and conversation (never written by this handler): delete it. */
    record RemoveDuplicate(Map<String, AttributeValue> row) implements RowAction {
    }
}
