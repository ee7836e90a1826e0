package com.cruddur.messaging.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.cruddur.messaging.local.replay.EventFile;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.ops.LambdaEvents;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamArn;
import com.cruddur.messaging.stream.ConversationCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The developer CLI's input files, from arbitrary bytes, each input read both ways: as an event file
 * ({@code replay}: {@link EventFile}) and as a seed file ({@code replay --seed}, {@code seed}:
 * {@link SeedData}). Either the CLI refuses it with its {@link InputException} (exit status 2, one
 * printable line naming the file), or:
 * <ul>
 *   <li>an event file's every record is what Lambda's serializer reads: the record the deployed
 *       filter judges ({@link EventFile#records()}) is the record the handler gets, the handler's
 *       decoder takes every record without throwing, and the filter and the stream-ARN parser do too;</li>
 *   <li>a seed file's every item is one DynamoDB takes as a row of the table: {@code pk} and
 *       {@code sk} strings within the key sizes, every value valid DynamoDB JSON
 *       ({@link DynamoDbItemRules}, from DynamoDB's documentation).</li>
 * </ul>
 * Regression mode (every {@code ./dev test}) runs {@code CliInputFuzzTestInputs/<method>/}: the events,
 * bad inputs and sample seed of {@code events/}, copied there by the build, and the findings committed
 * under {@code src/test/resources}. {@code ./dev fuzz CliInputFuzzTest} runs the fuzzer.
 */
class CliInputFuzzTest {

    private static final Path EVENT_FILE = Path.of("event.json");
    private static final String SEED_FILE = "seed.json";

    @FuzzTest(maxDuration = "5m")
    // Tokens of both formats the mutator would take long to guess.
    @DictionaryEntries({"\"Records\"", "\"eventSource\"", "\"aws:dynamodb\"", "\"dynamodb\"", "\"Keys\"",
            "\"NewImage\"", "\"eventName\"", "\"eventSourceARN\"", "\"SequenceNumber\"", "\"ApproximateCreationDateTime\"",
            "{\"S\":", "{\"N\":", "{\"B\":", "{\"BOOL\":", "{\"NULL\":", "{\"SS\":", "{\"NS\":", "{\"BS\":", "{\"L\":",
            "{\"M\":", "\"pk\"", "\"sk\"", "MSG#", "GRP#", "INSERT", "MODIFY", "REMOVE", "message_group_uuid",
            "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-messages/stream/2026-11-01T00:00:00.000",
            "2026-11-21T12:00:00.000000+00:00", "9.9999999999999999999999999999999999999E+125", "1E-130"})
    void eventAndSeedFilesAreReadOrRefusedInOneLine(byte[] input) {
        asEventFile(input);
        asSeedFile(input);
    }

    private static void asEventFile(byte[] input) {
        EventFile file;
        try {
            file = EventFile.read(EVENT_FILE, input);
        } catch (InputException refused) {
            assertRefusal(refused, EVENT_FILE.toString());
            return;
        }
        List<DynamodbStreamRecord> records = file.event().getRecords();
        assertThat(records).as("the records the filter judges are the records the handler gets")
                .hasSameSizeAs(file.records());
        for (int i = 0; i < records.size(); i++) {
            JsonNode json = file.records().get(i);
            DynamodbEvent alone = LambdaEvents.of(List.of(json));
            assertThat(alone.getRecords()).as("record %d, as Lambda's serializer reads it alone", i)
                    .containsExactly(records.get(i));
            EventFilter.DEPLOYED.matches(json);
            if (records.get(i).getEventSourceARN() != null) {
                StreamArn.parse(records.get(i).getEventSourceARN());
            }
        }
        // The handler's decoder and coalescing, as replay hands it the event.
        ConversationCheck.newestPerConversation(file.event(), MessagesTable.DEFAULT_TABLE_NAME);
    }

    private static void asSeedFile(byte[] input) {
        SeedData seed;
        try {
            seed = SeedData.read(SEED_FILE, input);
        } catch (InputException refused) {
            assertRefusal(refused, SEED_FILE);
            return;
        }
        assertThat(seed.source()).isEqualTo(SEED_FILE);
        for (int i = 0; i < seed.items().size(); i++) {
            Map<String, AttributeValue> item = seed.items().get(i);
            assertThat(DynamoDbItemRules.problem(item)).as("item %d of an accepted seed file", i).isEmpty();
        }
    }

    /** The CLI's rejection: exit status 2, one printable line that names the file first. */
    private static void assertRefusal(InputException refused, String file) {
        assertThat(refused.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(refused.getMessage()).startsWith(file + ": ").doesNotContainPattern("\\p{Cntrl}");
    }
}
