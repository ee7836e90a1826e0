package com.cruddur.messaging.local.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.ops.LambdaEvents;
import com.cruddur.messaging.ops.delivery.EventFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Records read from a stream become the event Lambda would deliver, and Lambda's serializer reads it back. */
class StreamEventsTest {

    private static final String ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages/stream/2026-11-21T00:00:00.000";

    private static Record record(OperationType type, String pk, String message) {
        Map<String, AttributeValue> keys = Map.of("pk", AttributeValue.fromS(pk),
                "sk", AttributeValue.fromS("2026-11-21T12:00:00.000000+00:00"));
        return Record.builder()
                .eventID("e1")
                .eventName(type)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("ddblocal")
                .dynamodb(StreamRecord.builder()
                        .approximateCreationDateTime(Instant.parse("2026-11-21T12:00:00.250Z"))
                        .keys(keys)
                        .newImage(Map.of("pk", keys.get("pk"), "sk", keys.get("sk"),
                                "message", AttributeValue.fromS(message), "n", AttributeValue.fromN("3"),
                                "labels", AttributeValue.fromSs(List.of("a", "b"))))
                        .sequenceNumber("000000000000000000042")
                        .sizeBytes(123L)
                        .streamViewType(StreamViewType.NEW_IMAGE)
                        .build())
                .build();
    }

    @Test
    void aStreamRecordBecomesTheRecordLambdaDeliversWithTheStreamArn() {
        String json = StreamEvents.eventJson(List.of(
                StreamEvents.recordJson(record(OperationType.INSERT, "MSG#g1", "say \"hi\"\n"), ARN)));

        DynamodbEvent event = LambdaEvents.deserialize(json.getBytes(StandardCharsets.UTF_8));

        DynamodbEvent.DynamodbStreamRecord r = event.getRecords().getFirst();
        assertThat(r.getEventID()).isEqualTo("e1");
        assertThat(r.getEventName()).isEqualTo("INSERT");
        assertThat(r.getEventSource()).isEqualTo("aws:dynamodb");
        assertThat(r.getEventSourceARN()).isEqualTo(ARN);
        assertThat(r.getAwsRegion()).isEqualTo("ddblocal");
        assertThat(r.getDynamodb().getSequenceNumber()).isEqualTo("000000000000000000042");
        assertThat(r.getDynamodb().getSizeBytes()).isEqualTo(123L);
        assertThat(r.getDynamodb().getStreamViewType()).isEqualTo("NEW_IMAGE");
        assertThat(r.getDynamodb().getApproximateCreationDateTime().toInstant())
                .isEqualTo(Instant.parse("2026-11-21T12:00:00.250Z"));
        assertThat(r.getDynamodb().getKeys().get("pk").getS()).isEqualTo("MSG#g1");
        assertThat(r.getDynamodb().getNewImage().get("message").getS()).isEqualTo("say \"hi\"\n");
        assertThat(r.getDynamodb().getNewImage().get("n").getN()).isEqualTo("3");
        assertThat(r.getDynamodb().getNewImage().get("labels").getSS()).containsExactly("a", "b");
    }

    @Test
    void theBuiltRecordIsWhatTheDeployedFilterIsAppliedTo() {
        assertThat(EventFilter.DEPLOYED.matches(StreamEvents.recordJson(record(OperationType.INSERT, "MSG#g1", "x"), ARN)))
                .isTrue();
        assertThat(EventFilter.DEPLOYED.matches(StreamEvents.recordJson(record(OperationType.REMOVE, "MSG#g1", "x"), ARN)))
                .isFalse();
        assertThat(EventFilter.DEPLOYED.matches(StreamEvents.recordJson(record(OperationType.INSERT, "GRP#u1", "x"), ARN)))
                .isFalse();
    }

    @Test
    void creationTimesAreEpochSecondsWithMilliseconds() {
        assertThat(StreamEvents.epochSeconds(Instant.ofEpochSecond(1763726400L))).isEqualTo("1763726400.000");
        assertThat(StreamEvents.epochSeconds(Instant.ofEpochMilli(1763726400007L))).isEqualTo("1763726400.007");
    }
}
