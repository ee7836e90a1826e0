package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.schema.StreamRecords;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stream records built in code (with the schema's one builder), shaped as Lambda delivers them,
 * for cases the sample files do not cover. Sequence numbers increase across the test JVM.
 */
final class Events {

    static final String ARN = StreamRecords.streamArn("cruddur-messages");
    private static final AtomicLong SEQUENCE = new AtomicLong(9_000_000_000_000_000L);

    private Events() {
    }

    static DynamodbEvent batch(DynamodbStreamRecord... records) {
        return StreamRecords.batch(records);
    }

    static DynamodbStreamRecord message(String group, String sk, String text) {
        return record("INSERT", "MSG#" + group, sk, text);
    }

    static DynamodbStreamRecord record(String eventName, String pk, String sk, String text) {
        long sequence = SEQUENCE.incrementAndGet();
        return StreamRecords.record(eventName, pk, sk)
                .text(text)
                .messageUuid("00000000-0000-4000-8000-" + String.format("%012d", sequence % 1_000_000_000_000L))
                .sender(Fixtures.ANDREW, "Andrew Brown", "andrewbrown")
                .sequenceNumber(Long.toString(sequence))
                .eventId(Long.toHexString(sequence))
                .sourceArn(ARN)
                .build();
    }

    static List<String> sequenceNumbers(DynamodbEvent event) {
        return event.getRecords().stream().map(r -> r.getDynamodb().getSequenceNumber()).toList();
    }
}
