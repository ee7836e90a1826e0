package com.cruddur.messaging.stream;

/** One planned change to one conversation-list row. Every action is conditional on the row as read. */
sealed interface RowAction {

    /** The row as it was read. */
    GroupRow row();

    /**
     * Move the row to a later sort key: delete {@code row} and put {@code replacement}.
     * {@code replacement} is {@code row} with only {@code sk} and {@code message} changed.
     */
    record Recreate(GroupRow row, GroupRow replacement) implements RowAction {
    }

    /** The row already sits at the message's sort key: set its {@code message} to {@code text}. */
    record EditMessage(GroupRow row, String text) implements RowAction {
    }

    /** A second row of the same user and conversation (never written by this handler): delete it. */
    record RemoveDuplicate(GroupRow row) implements RowAction {
    }
}
