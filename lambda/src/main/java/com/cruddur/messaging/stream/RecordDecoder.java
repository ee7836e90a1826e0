package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamArn;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import com.cruddur.messaging.stream.DecodedRecord.Message;
import com.cruddur.messaging.stream.InvocationReport.SkipReason;
import com.cruddur.messaging.stream.DecodedRecord.Skipped;
import java.util.Map;
import java.util.Optional;

/**
 * Converts Lambda's stream records into the handler's domain at the edge. Pure: no I/O, and it
 * never throws for a record, whatever the record holds.
 */
final class RecordDecoder {

    private final String tableName;

    /** @param tableName records from any other table's stream are skipped */
    public RecordDecoder(String tableName) {
        this.tableName = tableName;
    }

    /** Decodes the record at {@code position} of its batch. */
    public DecodedRecord decode(DynamodbStreamRecord record, int position) {
        if (record == null) {
            return new Malformed(null, null, position, "record is null");
        }
        String eventId = record.getEventID();
        StreamRecord stream = record.getDynamodb();
        String sequenceNumber = stream == null ? null : stream.getSequenceNumber();
        try {
            return decode(record, stream, eventId, sequenceNumber, position);
        } catch (RuntimeException e) {
            // A shape the checks below did not foresee must still not stop the batch.
            return new Malformed(eventId, sequenceNumber, position, "unreadable record (" + e.getClass().getSimpleName() + ")");
        }
    }

    private DecodedRecord decode(DynamodbStreamRecord record, StreamRecord stream, String eventId,
                                 String sequenceNumber, int position) {
        if (stream == null) {
            return new Malformed(eventId, null, position, "no dynamodb section");
        }
        if (sequenceNumber == null || sequenceNumber.isBlank()) {
            return new Malformed(eventId, sequenceNumber, position, "no SequenceNumber");
        }
        String eventName = record.getEventName();
        if ("REMOVE".equals(eventName)) {
            return new Skipped(SkipReason.REMOVE);
        }
        if (eventName == null) {
            return new Malformed(eventId, sequenceNumber, position, "no eventName");
        }
        if (!MessagesTable.MESSAGE_EVENT_NAMES.contains(eventName)) {
            return new Malformed(eventId, sequenceNumber, position, "unknown eventName");
        }
        String sourceArn = record.getEventSourceARN();
        if (sourceArn != null) {
            Optional<StreamArn> source = StreamArn.parse(sourceArn);
            if (source.isEmpty()) {
                return new Malformed(eventId, sequenceNumber, position, "eventSourceARN is not a DynamoDB stream ARN");
            }
            // A table name that passed DynamoDB's naming rule: safe to name in the log line.
            String sourceTable = source.get().table();
            if (!sourceTable.equals(tableName)) {
                // A mapping to the wrong stream is a deployment mistake: say so on every record.
                return new Malformed(eventId, sequenceNumber, position,
                        "record of another table's stream (" + sourceTable + ", expected " + tableName + ")");
            }
        }
        Map<String, AttributeValue> keys = stream.getKeys();
        if (keys == null) {
            return new Malformed(eventId, sequenceNumber, position, "no Keys");
        }
        String pk = string(keys, MessagesTable.PK);
        if (pk == null) {
            return new Malformed(eventId, sequenceNumber, position, problem(keys, MessagesTable.PK, "key pk"));
        }
        String sk = string(keys, MessagesTable.SK);
        if (sk == null) {
            return new Malformed(eventId, sequenceNumber, position, problem(keys, MessagesTable.SK, "key sk"));
        }
        if (!pk.startsWith(MessagesTable.MESSAGE_PREFIX)) {
            return new Skipped(SkipReason.NOT_A_MESSAGE);
        }
        String group = pk.substring(MessagesTable.MESSAGE_PREFIX.length());
        if (group.isBlank()) {
            return new Malformed(eventId, sequenceNumber, position, "key pk names no message group");
        }
        if (!Timestamps.isTimestamp(sk)) {
            return new Malformed(eventId, sequenceNumber, position, "key sk is not an ISO-8601 timestamp");
        }
        Map<String, AttributeValue> image = stream.getNewImage();
        if (image == null || image.isEmpty()) {
            return new Skipped(SkipReason.NO_NEW_IMAGE);
        }
        String text = string(image, MessagesTable.ATTR_MESSAGE);
        if (text == null) {
            return new Malformed(eventId, sequenceNumber, position,
                    problem(image, MessagesTable.ATTR_MESSAGE, "NewImage.message"));
        }
        return new Message(new NewMessage(eventId, sequenceNumber, position, group, sk, text));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.getS();
    }

    /** Why {@code item}'s attribute {@code name} (called {@code label} in the message) is not a string. */
    private static String problem(Map<String, AttributeValue> item, String name, String label) {
        return item.get(name) == null ? label + " is missing" : label + " is not a string";
    }
}
