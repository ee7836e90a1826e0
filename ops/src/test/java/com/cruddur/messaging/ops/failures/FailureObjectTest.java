package com.cruddur.messaging.ops.failures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.schema.FailureObjects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The S3 failure object, as Lambda documents it, read and written; and its key. */
class FailureObjectTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One record of the event the function was given, as Lambda delivers it. */
    private static final String RECORD = """
            {"eventID":"c4ca4238a0b923820dcc509a6f75849b","eventName":"INSERT","eventVersion":"1.1",\
            "eventSource":"aws:dynamodb","awsRegion":"us-east-2","dynamodb":{"ApproximateCreationDateTime":1573690399,\
            "Keys":{"pk":{"S":"MSG#5ae290ed-55d1-47a0-bc6d-fe2bc2700399"},"sk":{"S":"2019-11-14T00:13:19.000000+00:00"}},\
            "NewImage":{"pk":{"S":"MSG#5ae290ed-55d1-47a0-bc6d-fe2bc2700399"},"sk":{"S":"2019-11-14T00:13:19.000000+00:00"},\
            "message":{"S":"hi"}},"SequenceNumber":"800000000003126276362","SizeBytes":120,"StreamViewType":"NEW_IMAGE"},\
            "eventSourceARN":"arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388"}""";

    /**
     * The example S3 invocation record of Lambda's developer guide, "Retain discarded records for a
     * DynamoDB event source in Lambda" (services-dynamodb-errors), its "<Whole Event>" filled in:
     * the event, as an escaped JSON string.
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
                },
                "payload": PAYLOAD
            }""";

    private static String documented(String payload) {
        return DOCUMENTED.replace("PAYLOAD", payload);
    }

    private static String escaped(String json) throws Exception {
        return MAPPER.writeValueAsString(json);
    }

    private static FailureObject parse(String json) {
        return FailureObject.parse("aws/lambda/k", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void lambdasDocumentedS3RecordIsReadWithThePayloadsRecords() throws Exception {
        FailureObject failure = parse(documented(escaped("{\"Records\":[" + RECORD + "]}")));

        assertThat(failure.condition()).isEqualTo(FailureObjects.RETRIES_EXHAUSTED);
        assertThat(failure.invokeCount()).isEqualTo(1);
        assertThat(failure.functionError()).isEqualTo("Unhandled");
        assertThat(failure.timestamp()).isEqualTo(Instant.parse("2019-11-14T00:13:49.717Z"));
        assertThat(failure.shardId()).isEqualTo("shardId-00000001573689847184-864758bb");
        assertThat(failure.startSequenceNumber()).isEqualTo("800000000003126276362");
        assertThat(failure.firstArrival()).isEqualTo(Instant.parse("2019-11-14T00:13:19Z"));
        assertThat(failure.batchSize()).isEqualTo(1);
        assertThat(failure.tableName()).isEqualTo("mytable");
        assertThat(failure.records()).singleElement().isEqualTo(MAPPER.readTree(RECORD));
    }

    @Test
    void aPayloadThatIsAJsonObjectAsLocalStackWritesItIsReadAlike() throws Exception {
        FailureObject asString = parse(documented(escaped("{\"Records\":[" + RECORD + "]}")));
        FailureObject asObject = parse(documented("{\"Records\":[" + RECORD + "]}"));

        assertThat(asObject.records()).isEqualTo(asString.records()).hasSize(1);
    }

    @Test
    void whatTheLocalMappingWritesHasTheDocumentedMembersWithThePayloadAsAStringAndReadsBack() throws Exception {
        JsonNode record = MAPPER.readTree(RECORD);
        FailureObject written = new FailureObject("RecordAgeExceeded", 2, null,
                Instant.parse("2026-11-21T12:00:00.123456Z"), "shardId-00000001763726400000-8e1f0c3a", "000000000000000000002",
                "000000000000000000004", Instant.parse("2026-11-21T10:00:00.500Z"), Instant.parse("2026-11-21T10:00:01Z"),
                3, "arn:aws:dynamodb:ddblocal:000000000000:table/cruddur-messages/stream/2026-11-21T10:00:00.000", List.of(record));

        JsonNode json = MAPPER.readTree(written.toJson());

        assertThat(paths(json)).isEqualTo(paths(MAPPER.readTree(documented("\"\""))).stream()
                .filter(p -> !p.equals("responseContext.functionError")).toList());
        assertThat(json.get("payload").isTextual()).as("payload is a JSON string, as Lambda writes it").isTrue();
        assertThat(MAPPER.readTree(json.get("payload").textValue()).get("Records")).containsExactly(record);
        assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-21T12:00:00.123Z");
        assertThat(json.at("/DDBStreamBatchInfo/approximateArrivalOfFirstRecord").asText()).isEqualTo("2026-11-21T10:00:00Z");
        FailureObject read = FailureObject.parse("k", written.toJson().getBytes(StandardCharsets.UTF_8));
        assertThat(read.startSequenceNumber()).isEqualTo("000000000000000000002");
        assertThat(read.endSequenceNumber()).isEqualTo("000000000000000000004");
        assertThat(read.condition()).isEqualTo("RecordAgeExceeded");
        assertThat(read.tableName()).isEqualTo("cruddur-messages");
        assertThat(read.records()).containsExactly(record);
    }

    @Test
    void anObjectThatCannotBeUsedIsNamedByItsKeyInOneLine() throws Exception {
        String sqsMessage = DOCUMENTED.replace(",\n    \"payload\": PAYLOAD", "");
        assertThat(sqsMessage).doesNotContain("payload");

        assertThatThrownBy(() -> parse(sqsMessage)).isInstanceOf(FailureObject.Malformed.class)
                .hasMessage("aws/lambda/k: no payload: it names the records (shard, sequence numbers) but does not"
                        + " hold them, as an SQS or SNS destination's record; reconcile --apply repairs them");
        assertThatThrownBy(() -> parse("{\"KinesisBatchInfo\":{}}"))
                .hasMessage("aws/lambda/k: a Kinesis failure record (KinesisBatchInfo), not a DynamoDB stream's");
        assertThatThrownBy(() -> parse("not json")).hasMessageStartingWith("aws/lambda/k: not JSON (");
        assertThatThrownBy(() -> parse("[]")).hasMessage("aws/lambda/k: not a JSON object");
        assertThatThrownBy(() -> parse(documented("\"{not json\""))).hasMessageStartingWith("aws/lambda/k: payload is not JSON (");
        assertThatThrownBy(() -> parse(documented(escaped("{\"records\":[]}"))))
                .hasMessage("aws/lambda/k: payload is not a stream event (no \"Records\" array)");
        assertThatThrownBy(() -> parse(documented(escaped("{\"Records\":[42]}"))))
                .hasMessage("aws/lambda/k: payload record 0 is not a JSON object");
        String payload = escaped("{\"Records\":[]}");
        assertThatThrownBy(() -> parse(documented(payload).replace("\"shardId\"", "\"shard\"")))
                .hasMessage("aws/lambda/k: DDBStreamBatchInfo.shardId is missing");
        assertThatThrownBy(() -> parse(documented(payload).replace("\"startSequenceNumber\": \"800000000003126276362\"",
                "\"startSequenceNumber\": \"42\"")))
                .hasMessage("aws/lambda/k: DDBStreamBatchInfo.startSequenceNumber is not a stream sequence number (21 to 40 digits)");
        assertThatThrownBy(() -> parse(documented(payload).replace("\"startSequenceNumber\": \"800000000003126276362\"",
                "\"startSequenceNumber\": \"900000000003126276362\"")))
                .hasMessage("aws/lambda/k: DDBStreamBatchInfo.startSequenceNumber is after endSequenceNumber");
    }

    @Test
    void theKeyFollowsTheDocumentedNamingConventionAndIsTakenApartAgain() {
        UUID random = UUID.fromString("6a1e2f3c-0000-4000-8000-000000000001");
        String key = FailureObjects.key("3f0c9a52-1111-4222-8333-444455556666", "shardId-00000001795322591242-3387691d",
                Instant.parse("2026-11-02T04:03:09.999Z"), random);

        // aws/lambda/<ESM-UUID>/<shardID>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<Random UUID>
        assertThat(key).isEqualTo("aws/lambda/3f0c9a52-1111-4222-8333-444455556666/shardId-00000001795322591242-3387691d/"
                + "2026/11/02/2026-11-02T04.03.09-6a1e2f3c-0000-4000-8000-000000000001");
        assertThat(FailureObjects.parse(key)).contains(new FailureObjects.Key("3f0c9a52-1111-4222-8333-444455556666",
                "shardId-00000001795322591242-3387691d", Instant.parse("2026-11-02T04:03:09Z"), random.toString()));
    }

    @Test
    void keysOutsideTheLayoutAreNotTakenApart() {
        assertThat(FailureObjects.parse("other/lambda/u/s/2026/11/02/2026-11-02T04.03.09-x")).isEmpty();
        assertThat(FailureObjects.parse("aws/lambda/u/s/2026/11/02")).isEmpty();
        // The day's folders must agree with the name's date.
        assertThat(FailureObjects.parse("aws/lambda/u/s/2026/11/03/2026-11-02T04.03.09-x")).isEmpty();
        assertThat(FailureObjects.parse("aws/lambda/u/s/2026/11/02/2026-11-02T04:03:09-x")).isEmpty();
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
