package com.cruddur.messaging.ops.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.ops.LambdaEvents;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.Batches;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.StreamArn;
import com.cruddur.messaging.stream.ConversationCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What {@code redrive} reads, from arbitrary bytes: a failure object as the S3 destination holds it
 * ({@link FailureObject#parse}, the bucket's path: an unusable object is named by its key with a
 * one-line reason and left) and as a file saved from it ({@link FailureObjectReader#fromContent}:
 * {@link InputException}, exit status 2); and the same bytes as an object's key
 * ({@link FailureObjects#parse}, what the bucket's listing holds). Either a one-printable-line refusal
 * naming the object, or an object that holds {@link FailureObjects}' contract:
 * <ul>
 *   <li>its records are what Lambda's serializer reads, each alone as in the batch, and pass through
 *       the deployed filter, the batching rule and the handler's decoder without an exception;</li>
 *   <li>its batch info is a stream's: sequence numbers of 21 to 40 digits, the first not after the last;
 *       the stream ARN parsed by the one parser; what the report prints of it on one printable line;</li>
 *   <li>its shard makes a key of the documented layout that is taken apart to the same shard.</li>
 * </ul>
 * Regression mode (every {@code ./dev test}) runs the committed {@code FailureObjectFuzzTestInputs/<method>/}
 * (Lambda's documented record, the local mapping's, LocalStack's, an SQS destination's, a Kinesis
 * one's, a key, and the findings) and the events of {@code events/}, copied by the build.
 */
class FailureObjectFuzzTest {

    private static final String KEY = "aws/lambda/3f0c9a52-1111-4222-8333-444455556666/shardId-00000001795322591242-3387691d/"
            + "2026/11/02/2026-11-02T04.03.09-6a1e2f3c-0000-4000-8000-000000000001";
    private static final String SAVED = "saved.json";

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"\"requestContext\"", "\"responseContext\"", "\"DDBStreamBatchInfo\"", "\"KinesisBatchInfo\"",
            "\"payload\"", "\"shardId\"", "\"startSequenceNumber\"", "\"endSequenceNumber\"", "\"streamArn\"",
            "\"batchSize\"", "\"condition\"", "\"functionError\"", "\"timestamp\"", "\"approximateArrivalOfFirstRecord\"",
            "RetryAttemptsExhausted", "RecordAgeExceeded", "\\\"Records\\\"", "\\\"dynamodb\\\"", "\\\"NewImage\\\"",
            "\\\"Keys\\\"", "\\\"S\\\"", "\\\"eventSourceARN\\\"", "aws:dynamodb", "MSG#", "INSERT", "MODIFY",
            "shardId-00000001795322591242-3387691d", "4100000000012345679000",
            "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-messages/stream/2026-11-01T00:00:00.000",
            "aws/lambda/", "2026/11/02/2026-11-02T04.03.09-"})
    void failureObjectsAreReadOrRefusedInOneLine(byte[] input) {
        asKey(new String(input, StandardCharsets.UTF_8));
        FailureObject fromBucket;
        try {
            fromBucket = FailureObject.parse(KEY, input);
        } catch (FailureObject.Malformed refused) {
            assertThat(refused.getMessage()).isEqualTo(KEY + ": " + refused.reason());
            assertThat(refused.reason()).isNotBlank().doesNotContainPattern("\\p{Cntrl}");
            asSavedFileRefused(input);
            return;
        }
        holdsTheContract(fromBucket);
        assertThat(FailureObjectReader.fromContent(SAVED, input)).as("a saved file reads as the bucket's object")
                .isEqualTo(fromBucket);
    }

    private static void asSavedFileRefused(byte[] input) {
        try {
            FailureObjectReader.fromContent(SAVED, input);
        } catch (InputException refused) {
            assertThat(refused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
            assertThat(refused.getMessage()).startsWith(SAVED + ": ").doesNotContainPattern("\\p{Cntrl}");
            return;
        }
        throw new AssertionError("the bucket's reader refused what the file's reader took");
    }

    private static void holdsTheContract(FailureObject failure) {
        // Records: as Lambda's serializer reads them, each alone as in the batch.
        List<JsonNode> records = failure.records();
        DynamodbEvent event = LambdaEvents.of(records);
        assertThat(event.getRecords()).hasSameSizeAs(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(LambdaEvents.of(List.of(records.get(i))).getRecords()).as("record %d alone", i)
                    .containsExactly(event.getRecords().get(i));
            EventFilter.DEPLOYED.matches(records.get(i));
        }
        assertThat(Batches.asDeployed(records).stream().mapToInt(List::size).sum()).isEqualTo(records.size());
        String table = failure.tableName();
        if (table != null) {
            assertThat(StreamArn.parse(failure.streamArn())).hasValueSatisfying(arn -> assertThat(arn.table()).isEqualTo(table));
            ConversationCheck.newestPerConversation(event, table);
        }
        // Batch info: a stream's range, and what redrive's report prints of it on one line.
        BigInteger start = new BigInteger(failure.startSequenceNumber());
        assertThat(start).isLessThanOrEqualTo(new BigInteger(failure.endSequenceNumber()));
        for (String sequenceNumber : List.of(failure.startSequenceNumber(), failure.endSequenceNumber())) {
            assertThat(sequenceNumber).matches("[0-9]{21,40}");
        }
        // The stream ARN is never printed: one that is no stream's leaves tableName() null, and redrive says so.
        for (String printed : new String[] {failure.shardId(), failure.condition(), failure.functionError()}) {
            if (printed != null) {
                assertThat(printed).doesNotContainPattern("\\p{Cntrl}");
            }
        }
        // Key layout: the shard makes a key that is taken apart to the same shard.
        Instant at = failure.timestamp() != null ? failure.timestamp() : Instant.parse("2026-11-02T04:03:09Z");
        String key = FailureObjects.key("3f0c9a52-1111-4222-8333-444455556666", failure.shardId(), at, UUID.randomUUID());
        assertThat(FailureObjects.parse(key)).as("the key of shard %s", failure.shardId())
                .hasValueSatisfying(parsed -> assertThat(parsed.shardId()).isEqualTo(failure.shardId()));
    }

    /** A key from the bucket's listing: taken apart into non-empty parts that hold no folder separator, or not at all. */
    private static void asKey(String key) {
        FailureObjects.parse(key).ifPresent(parsed -> {
            assertThat(parsed.mappingUuid()).isNotEmpty().doesNotContain("/");
            assertThat(parsed.shardId()).isNotEmpty().doesNotContain("/");
            assertThat(key).startsWith(FailureObjects.KEY_PREFIX + parsed.mappingUuid() + "/" + parsed.shardId() + "/")
                    .endsWith("-" + parsed.randomId());
        });
    }
}
