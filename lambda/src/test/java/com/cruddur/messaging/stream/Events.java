package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Stream records built in code, shaped as Lambda delivers them, for cases the sample files do not cover. */
final class Events {

    static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-messages/stream/2026-11-01T00:00:00.000";
    private static final AtomicLong SEQUENCE = new AtomicLong(9_000_000_000_000_000L);

    private Events() {
    }

    static DynamodbEvent batch(DynamodbStreamRecord... records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(Arrays.asList(records)));
        return event;
    }

    static DynamodbStreamRecord message(String group, String sk, String text) {
        return record("INSERT", "MSG#" + group, sk, text);
    }

    static DynamodbStreamRecord record(String eventName, String pk, String sk, String text) {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("pk", new AttributeValue().withS(pk));
        keys.put("sk", new AttributeValue().withS(sk));
        Map<String, AttributeValue> image = new LinkedHashMap<>(keys);
        image.put("message", new AttributeValue().withS(text));
        image.put("message_uuid", new AttributeValue().withS("00000000-0000-4000-8000-" + String.format("%012d", SEQUENCE.get() % 1_000_000_000_000L)));
        image.put("user_uuid", new AttributeValue().withS(Fixtures.ANDREW));
        image.put("user_display_name", new AttributeValue().withS("Andrew Brown"));
        image.put("user_handle", new AttributeValue().withS("andrewbrown"));
        StreamRecord stream = new StreamRecord();
        stream.setKeys(keys);
        stream.setNewImage("REMOVE".equals(eventName) ? null : image);
        stream.setSequenceNumber(Long.toString(SEQUENCE.incrementAndGet()));
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_IMAGE);
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID(Long.toHexString(SEQUENCE.get()));
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setEventSourceARN(ARN);
        record.setDynamodb(stream);
        return record;
    }

    static List<String> sequenceNumbers(DynamodbEvent event) {
        return event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
    }
}
