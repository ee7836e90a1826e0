package com.cruddur.messaging.stream;

/**
 * A new or edited message, as read from one stream record.
 *
 * @param eventId          the record's eventID (for logs)
 * @param sequenceNumber   the record's stream sequence number (for batch item failures)
 * @param position         the record's index in its batch; later records hold newer images
 * @param messageGroupUuid the conversation
 * @param createdAt        the message's sort key, an ISO-8601 timestamp
 * @param text             the message text; never logged
 */
record NewMessage(
        String eventId,
        String sequenceNumber,
        int position,
        String messageGroupUuid,
        String createdAt,
        String text) {

    /**
     * Whether this message should decide its conversation's rows rather than {@code other}: the
     * greater sort key wins; for the same sort key, the later record, which holds the newer image
     * of the same item.
     */
    public boolean supersedes(NewMessage other) {
        int bySortKey = createdAt.compareTo(other.createdAt);
        return bySortKey != 0 ? bySortKey > 0 : position > other.position;
    }

    @Override
    public String toString() {
        // The text stays out of every log line and exception message.
        return "NewMessage[eventId=" + eventId + ", sequenceNumber=" + sequenceNumber + ", position=" + position
                + ", messageGroupUuid=" + messageGroupUuid + ", createdAt=" + createdAt + "]";
    }
}
