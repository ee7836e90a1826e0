package com.cruddur.messaging.schema;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records of the {@code cruddur-messages} stream built in code, in Lambda's own event types and
 * shaped as Lambda delivers them (view type {@value MessagesTable#STREAM_VIEW_TYPE}). The one
 * builder behind the handler's SnapStart priming, the tests, the synthetic workloads and the CLI.
 */
public final class StreamRecords {

    /** A stream ARN of the default account and region of examples and tests. */
    public static String streamArn(String tableName) {
        return "arn:aws:dynamodb:us-east-1:123456789012:table/" + tableName + "/stream/2026-11-01T00:00:00.000";
    }

    private StreamRecords() {
    }

    /** An INSERT of a message item of the conversation {@code messageGroupUuid} created at {@code createdAt}. */
    public static Builder message(String messageGroupUuid, String createdAt) {
        return record("INSERT", MessagesTable.messagePk(messageGroupUuid), createdAt);
    }

    /** A record of any event and key; REMOVE records carry no new image. */
    public static Builder record(String eventName, String pk, String sk) {
        return new Builder(eventName, pk, sk);
    }

    /** One invocation's event holding the records, in order. */
    public static DynamodbEvent batch(DynamodbStreamRecord... records) {
        return batch(Arrays.asList(records));
    }

    /** One invocation's event holding the records, in order. */
    public static DynamodbEvent batch(List<DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    /** Builds one record; only the keys are required, everything else has a neutral default. */
    public static final class Builder {

        private final String eventName;
        private final Map<String, AttributeValue> keys = new LinkedHashMap<>();
        private final Map<String, AttributeValue> image = new LinkedHashMap<>();
        private String sequenceNumber = "0";
        private String eventId;
        private String sourceArn;
        private final boolean withImage;
        private Long sizeBytes;

        private Builder(String eventName, String pk, String sk) {
            this.eventName = eventName;
            keys.put(MessagesTable.PK, string(Objects.requireNonNull(pk, "pk")));
            keys.put(MessagesTable.SK, string(Objects.requireNonNull(sk, "sk")));
            image.putAll(keys);
            withImage = !"REMOVE".equals(eventName);
        }

        /** The message text ({@code message}) of the new image. */
        public Builder text(String text) {
            return attribute(MessagesTable.ATTR_MESSAGE, text);
        }

        /** The new image's {@code message_uuid}. */
        public Builder messageUuid(String messageUuid) {
            return attribute(MessagesTable.ATTR_MESSAGE_UUID, messageUuid);
        }

        /** The sender's {@code user_uuid}, {@code user_display_name} and {@code user_handle}. */
        public Builder sender(String userUuid, String displayName, String handle) {
            attribute(MessagesTable.ATTR_USER_UUID, userUuid);
            attribute(MessagesTable.ATTR_USER_DISPLAY_NAME, displayName);
            return attribute(MessagesTable.ATTR_USER_HANDLE, handle);
        }

        /** Any string attribute of the new image. */
        public Builder attribute(String name, String value) {
            image.put(name, string(value));
            return this;
        }

        /** The record's sequence number (decimal digits); default {@code "0"}. */
        public Builder sequenceNumber(String value) { sequenceNumber = value; return this; }

        /** The record's eventID; default: derived from the sequence number. */
        public Builder eventId(String value) { eventId = value; return this; }

        /** The stream the record comes from; default none (Lambda always sets it; tests may omit it). */
        public Builder sourceArn(String value) { sourceArn = value; return this; }

        /** The record's size as the stream reports it. */
        public Builder sizeBytes(long value) { sizeBytes = value; return this; }

        public DynamodbStreamRecord build() {
            StreamRecord stream = new StreamRecord();
            stream.setKeys(new LinkedHashMap<>(keys));
            stream.setNewImage(withImage ? new LinkedHashMap<>(image) : null);
            stream.setSequenceNumber(sequenceNumber);
            stream.setStreamViewType(StreamViewType.valueOf(MessagesTable.STREAM_VIEW_TYPE));
            if (sizeBytes != null) {
                stream.setSizeBytes(sizeBytes);
            }
            DynamodbStreamRecord record = new DynamodbStreamRecord();
            record.setEventID(eventId != null ? eventId : "event-" + sequenceNumber);
            record.setEventName(eventName);
            record.setEventVersion("1.1");
            record.setEventSource("aws:dynamodb");
            record.setAwsRegion("us-east-1");
            record.setEventSourceARN(sourceArn);
            record.setDynamodb(stream);
            return record;
        }

        private static AttributeValue string(String value) {
            return new AttributeValue().withS(value);
        }
    }
}
