package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stream event as the Lambda runtime delivers it, from arbitrary bytes: the runtime's own
 * serializer builds the {@code aws-lambda-java-events} model (what it rejects never reaches the
 * handler), the handler's decoder reads every record, and the planner plans each conversation
 * against rows that come from the same input ({@link FuzzedRows}: a top-level {@code "rows"} member
 * of DynamoDB JSON items, which the runtime's serializer ignores). No DynamoDB: the plans are
 * held to {@link PlanInvariants}. The decoder and the planner must never throw.
 *
 * <p>Regression mode (every {@code ./dev test}) runs the inputs in
 * {@code StreamEventFuzzTestInputs/<method>/}: the sample and bad-input events of {@code events/},
 * copied there by the build, and the findings committed under {@code src/test/resources}.
 * {@code ./dev fuzz} runs the fuzzer.
 */
class StreamEventFuzzTest {

    /** Lambda's Java runtime deserializes a DynamoDB event with this serializer (aws-lambda-java-serialization). */
    private static final PojoSerializer<DynamodbEvent> RUNTIME =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamodbEvent.class.getClassLoader());
    private static final RecordDecoder DECODER = new RecordDecoder(MessagesTable.DEFAULT_TABLE_NAME);

    @FuzzTest(maxDuration = "5m")
    // Tokens of the format the mutator would take long to guess; the seed with "rows" shows their places.
    @DictionaryEntries({"\"rows\"", "\"Records\"", "\"NewImage\"", "\"Keys\"", "\"S\"", "\"N\"", "\"M\"",
            "GRP#", "MSG#", "message_group_uuid", "INSERT", "MODIFY", "REMOVE", "eventSourceARN",
            "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-messages/stream/2026-11-01T00:00:00.000",
            "2026-11-21T12:00:00.000000+00:00", "\u2026"})
    void streamEventsAreDecodedAndPlannedWithinTheInvariants(byte[] input) {
        DynamodbEvent event;
        try {
            event = RUNTIME.fromJson(new ByteArrayInputStream(input));
        } catch (RuntimeException rejectedByTheRuntime) {
            return; // Lambda fails such an invocation before the handler runs.
        }
        List<DynamodbStreamRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            DecodedRecord decoded = DECODER.decode(records.get(i), i);
            switch (decoded) {
                case DecodedRecord.Message m -> {
                    assertThat(m.message().position()).isEqualTo(i);
                    assertThat(Timestamps.isTimestamp(m.message().createdAt())).isTrue();
                    assertThat(m.message().messageGroupUuid()).isNotBlank();
                    messages.add(m.message());
                }
                case InvocationReport.Malformed m -> {
                    // Named by its position (and its eventID and sequence number when it has them), with a reason.
                    assertThat(m.position()).isEqualTo(i);
                    assertThat(m.problem()).isNotBlank().doesNotContain("\n");
                }
                case DecodedRecord.Skipped s -> assertThat(s.reason()).isNotNull();
            }
        }
        List<GroupRow> rows = FuzzedRows.of(input, messages);
        for (NewMessage newest : Planner.newestPerGroup(messages).values()) {
            PlanInvariants.check(newest, rows, Planner.plan(newest, rows, Map.of()));
        }
    }
}
