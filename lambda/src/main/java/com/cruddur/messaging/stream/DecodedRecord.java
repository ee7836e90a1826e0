package com.cruddur.messaging.stream;

/**
 * What one stream record turned out to be: a message, a record that needs no work, or one that
 * cannot be understood ({@link InvocationReport.Malformed}, reported as it is decoded).
 */
sealed interface DecodedRecord permits DecodedRecord.Message, DecodedRecord.Skipped, InvocationReport.Malformed {

    /** A message that may move its conversation. */
    record Message(NewMessage message) implements DecodedRecord {
    }

    /** A record that needs no work. */
    record Skipped(InvocationReport.SkipReason reason) implements DecodedRecord {
    }
}
