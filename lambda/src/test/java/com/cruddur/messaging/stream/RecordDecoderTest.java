package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import com.cruddur.messaging.stream.DecodedRecord.Message;
import com.cruddur.messaging.stream.InvocationReport.SkipReason;
import com.cruddur.messaging.stream.DecodedRecord.Skipped;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder("cruddur-messages");

    @Test
    void aNewMessageBecomesItsGroupSortKeyTextAndIds() {
        DynamodbStreamRecord record = Fixtures.event("new-message.json").getRecords().getFirst();

        DecodedRecord decoded = decoder.decode(record, 0);

        assertThat(decoded).isEqualTo(new Message(new NewMessage(record.getEventID(),
                record.getDynamodb().getSequenceNumber(), 0, Fixtures.G1,
                "2026-11-21T12:00:00.000000+00:00", "Running late, save me a seat")));
    }

    @Test
    void removeEventsAreSkipped() {
        assertThat(decoder.decode(Fixtures.event("remove.json").getRecords().getFirst(), 0))
                .isEqualTo(new Skipped(SkipReason.REMOVE));
    }

    @Test
    void theHandlersOwnGroupWritesAreSkipped() {
        assertThat(decoder.decode(Fixtures.event("own-group-write.json").getRecords().getFirst(), 0))
                .isEqualTo(new Skipped(SkipReason.NOT_A_MESSAGE));
    }

    @Test
    void aRecordWithoutNewImageIsSkipped() {
        DynamodbStreamRecord record = Events.message(Fixtures.G1, "2026-11-21T12:00:00Z", "hi");
        record.getDynamodb().setNewImage(null);

        assertThat(decoder.decode(record, 0)).isEqualTo(new Skipped(SkipReason.NO_NEW_IMAGE));
    }

    @Test
    void aModifyIsAMessageLikeAnInsert() {
        assertThat(decoder.decode(Fixtures.event("modify-latest.json").getRecords().getFirst(), 0))
                .isInstanceOf(Message.class);
    }

    @Test
    void malformedRecordsNameTheirIdsAndTheirProblemWithoutQuotingContent() {
        DynamodbEvent event = Fixtures.event("malformed-among-good.json");

        assertThat(decoder.decode(event.getRecords().get(1), 1)).isEqualTo(new Malformed(
                event.getRecords().get(1).getEventID(), event.getRecords().get(1).getDynamodb().getSequenceNumber(),
                1, "key sk is not an ISO-8601 timestamp"));
        assertThat(decoder.decode(event.getRecords().get(2), 2))
                .extracting(d -> ((Malformed) d).problem()).isEqualTo("NewImage.message is not a string");
    }

    @Test
    void everyKindOfBrokenRecordIsMalformedNeverAnException() {
        assertThat(problem(r -> r.getDynamodb().getKeys().remove("pk"))).isEqualTo("key pk is missing");
        assertThat(problem(r -> r.getDynamodb().getKeys().put("sk", new AttributeValue().withN("1")))).isEqualTo("key sk is not a string");
        assertThat(problem(r -> r.getDynamodb().getNewImage().remove("message"))).isEqualTo("NewImage.message is missing");
        assertThat(problem(r -> r.getDynamodb().getKeys().put("pk", new AttributeValue().withS("MSG#")))).isEqualTo("key pk names no message group");
        assertThat(problem(r -> r.setEventName("UPSERT"))).isEqualTo("unknown eventName");
        assertThat(problem(r -> r.getDynamodb().setKeys(null))).isEqualTo("no Keys");
        assertThat(problem(r -> r.getDynamodb().setSequenceNumber(null))).isEqualTo("no SequenceNumber");
        assertThat(problem(r -> r.setDynamodb(null))).isEqualTo("no dynamodb section");
        assertThat(problem(r -> r.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/other/stream/2026-11-01T00:00:00.000")))
                .isEqualTo("record of another table's stream (other, expected cruddur-messages)");
        assertThat(problem(r -> r.setEventSourceARN("not-an-arn"))).isEqualTo("eventSourceARN is not a DynamoDB stream ARN");
        // Found by the fuzzer: a "table name" that breaks DynamoDB's naming rule was quoted into the log line.
        assertThat(problem(r -> r.setEventSourceARN(
                "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-m\n  essages/stream/2026-11-01T00:00:00.000")))
                .isEqualTo("eventSourceARN is not a DynamoDB stream ARN");
        assertThat(problem(r -> r.setEventSourceARN(
                "arn:aws:dynamodb:ddblocal:000000000000:table/another_table/stream/2026-11-01T00:00:00.000")))
                .isEqualTo("record of another table's stream (another_table, expected cruddur-messages)");
        assertThat(decoder.decode(null, 3)).isInstanceOf(Malformed.class);
        DynamodbStreamRecord unnamed = new DynamodbStreamRecord();
        unnamed.setDynamodb(Events.message(Fixtures.G1, "2026-11-21T12:00:00Z", "hi").getDynamodb());
        assertThat(decoder.decode(unnamed, 4)).extracting(d -> ((Malformed) d).problem()).isEqualTo("no eventName");
    }

    private String problem(java.util.function.Consumer<DynamodbStreamRecord> breakIt) {
        DynamodbStreamRecord record = Events.message(Fixtures.G1, "2026-11-21T12:00:00Z", "hi");
        breakIt.accept(record);
        DecodedRecord decoded = decoder.decode(record, 0);
        assertThat(decoded).isInstanceOf(Malformed.class);
        return ((Malformed) decoded).problem();
    }
}
