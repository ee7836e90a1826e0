package com.cruddur.messaging.stream;

/** What one stream record turned out to be. */
public sealed interface DecodedRecord {

    /** Why a well-formed record needs no work. */
    enum SkipReason {
        /** A deleted item: conversations do not move back when a message is deleted. */
        REMOVE,
        /** Not a message item, for example the handler's own {@code GRP#} writes coming back. */
        NOT_A_MESSAGE,
        /** No new image (a stream without NEW_IMAGE): there is no message text to show. */
        NO_NEW_IMAGE
    }

    /** A message that may move its conversation. */
    record Message(NewMessage message) implements DecodedRecord {
    }

    /** A record that needs no work. */
    record Skipped(SkipReason reason) implements DecodedRecord {
    }

    /**
     * A record that cannot be understood. It is logged and skipped: retrying it cannot help and
     * would block its shard.
     *
     * @param problem what is wrong, in words that never quote the record's content
     */
    record Malformed(String eventId, String sequenceNumber, int position, String problem) implements DecodedRecord {
    }
}
