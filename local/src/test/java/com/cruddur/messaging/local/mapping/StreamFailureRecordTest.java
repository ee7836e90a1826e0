package com.cruddur.messaging.local.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.devkit.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure destination's message, as Lambda documents it, read and written. */
class StreamFailureRecordTest {

    /**
     * The example invocation record of Lambda's developer guide, "Retain discarded records for a
     * DynamoDB event source in Lambda" (services-dynamodb-errors).
     */
    static final String DOCUMENTED = """
            {
                "requestContext": {
                    "requestId": "316aa6d0-8154-xmpl-9af7-85d5f4a6bc81",
                    "functionArn": "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
                    "condition": "RetryAttemptsExhausted",
                    "approximateInvokeCount": 1
                },
                "responseContext": {
                    "statusCode": 200,
                    "executedVersion": "$LATEST",
                    "functionError": "Unhandled"
                },
                "version": "1.0",
                "timestamp": "2019-11-14T00:13:49.717Z",
                "DDBStreamBatchInfo": {
                    "shardId": "shardId-00000001573689847184-864758bb",
                    "startSequenceNumber": "800000000003126276362",
                    "endSequenceNumber": "800000000003126276362",
                    "approximateArrivalOfFirstRecord": "2019-11-14T00:13:19Z",
                    "approximateArrivalOfLastRecord": "2019-11-14T00:13:19Z",
                    "batchSize": 1,
                    "streamArn": "arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388"
                }
            }""";

    @Test
    void lambdasDocumentedRecordIsRead() {
        StreamFailureRecord record = StreamFailureRecord.parse(DOCUMENTED);

        assertThat(record.condition()).isEqualTo("RetryAttemptsExhausted");
        assertThat(record.invokeCount()).isEqualTo(1);
        assertThat(record.functionError()).isEqualTo("Unhandled");
        assertThat(record.timestamp()).isEqualTo(Instant.parse("2019-11-14T00:13:49.717Z"));
        assertThat(record.shardId()).isEqualTo("shardId-00000001573689847184-864758bb");
        assertThat(record.startSequenceNumber()).isEqualTo("800000000003126276362");
        assertThat(record.endSequenceNumber()).isEqualTo("800000000003126276362");
        assertThat(record.firstArrival()).isEqualTo(Instant.parse("2019-11-14T00:13:19Z"));
        assertThat(record.batchSize()).isEqualTo(1);
        assertThat(record.tableName()).isEqualTo("mytable");
    }

    @Test
    void whatTheLocalMappingWritesHasTheDocumentedShapeAndReadsBack() {
        StreamFailureRecord written = new StreamFailureRecord("RecordAgeExceeded", 2, null,
                Instant.parse("2026-11-21T12:00:00.123456Z"), "shardId-1", "000000000000000000002",
                "000000000000000000004", Instant.parse("2026-11-21T10:00:00.500Z"), Instant.parse("2026-11-21T10:00:01Z"),
                3, "arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages/stream/x");

        JsonNode json = Json.parse(written.toJson());

        assertThat(paths(json)).isEqualTo(paths(Json.parse(DOCUMENTED)).stream()
                .filter(p -> !p.equals("responseContext.functionError")).toList());
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-21T12:00:00.123Z");
        assertThat(json.at("/DDBStreamBatchInfo/approximateArrivalOfFirstRecord").asText()).isEqualTo("2026-11-21T10:00:00Z");
        StreamFailureRecord read = StreamFailureRecord.parse(written.toJson());
        assertThat(read.startSequenceNumber()).isEqualTo("000000000000000000002");
        assertThat(read.endSequenceNumber()).isEqualTo("000000000000000000004");
        assertThat(read.condition()).isEqualTo("RecordAgeExceeded");
        assertThat(read.tableName()).isEqualTo("cruddur-messages");
    }

    @Test
    void aBodyThatIsNotADynamoDbStreamFailureRecordIsNamedInOneLine() {
        assertThatThrownBy(() -> StreamFailureRecord.parse("{\"KinesisBatchInfo\":{}}"))
                .hasMessage("a Kinesis failure record (KinesisBatchInfo), not a DynamoDB stream's");
        assertThatThrownBy(() -> StreamFailureRecord.parse("[]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> StreamFailureRecord.parse(DOCUMENTED.replace("\"shardId\"", "\"shard\"")))
                .hasMessage("DDBStreamBatchInfo.shardId is missing");
        assertThatThrownBy(() -> StreamFailureRecord.parse(DOCUMENTED.replace("\"startSequenceNumber\": \"800000000003126276362\"",
                "\"startSequenceNumber\": \"42\"")))
                .hasMessage("DDBStreamBatchInfo.startSequenceNumber is not a stream sequence number (21 to 40 digits)");
        assertThatThrownBy(() -> StreamFailureRecord.parse(DOCUMENTED.replace("\"startSequenceNumber\": \"800000000003126276362\"",
                "\"startSequenceNumber\": \"900000000003126276362\"")))
                .hasMessage("DDBStreamBatchInfo.startSequenceNumber is after endSequenceNumber");
    }

    /** Every field's path, in document order. */
    private static List<String> paths(JsonNode node) {
        List<String> paths = new ArrayList<>();
        node.properties().forEach(e -> {
            if (e.getValue().isObject()) {
                paths(e.getValue()).forEach(p -> paths.add(e.getKey() + "." + p));
            } else {
                paths.add(e.getKey());
            }
        });
        return paths;
    }
}
