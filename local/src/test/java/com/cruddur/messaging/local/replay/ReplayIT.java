package com.cruddur.messaging.local.replay;

import static com.cruddur.messaging.local.CliRun.ANDREW;
import static com.cruddur.messaging.local.CliRun.EVENTS;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.ops.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** {@code replay}, on the embedded default and against a DynamoDB Local started separately. */
class ReplayIT extends LocalDynamoDbTestBase {

    private static final String NEW_MESSAGE = EVENTS + "new-message.json";
    private static final String SEED = EVENTS + "seed/conversations.json";
    private static final String TABLE = "cruddur-messages";
    private static final String NEW_SK = "2026-11-21T12:00:00.000000+00:00";

    @TempDir
    Path dir;

    @Test
    void replayOnTheEmbeddedDefaultMovesTheConversationToTheTopWithTheNewLastMessage() {
        CliRun run = cli("replay", NEW_MESSAGE);

        assertThat(run.code()).as(run.toString()).isZero();
        List<String> out = run.outLines();
        assertThat(out.getFirst()).startsWith("DynamoDB Local (embedded) at http://127.0.0.1:")
                .endsWith("· table cruddur-messages · seeded 10 items from " + SEED);
        assertThat(out).contains(
                "▶ " + NEW_MESSAGE + ": 1 record",
                "  handler: 1 processed · 0 skipped · 1 group updated · 2 rows re-created · 0 stale · 0 failed"
                        + " · batchItemFailures: []",
                "  Andrew Brown (90b2a6d4…) conversations, newest first:",
                "    before: 1. Londo Mollari  2026-11-20T10:30:00  \"The council meets at noon\"",
                "            2. Andrew Bayko   2026-11-20T09:00:00  \"See you at the meetup\"",
                "    after:  1. Andrew Bayko   2026-11-21T12:00:00  \"Running late, save me a seat\"   ← moved up",
                "            2. Londo Mollari  2026-11-20T10:30:00  \"The council meets at noon\"");
        // The recipient's list comes first; the sender's follows.
        assertThat(out.indexOf("  Andrew Brown (90b2a6d4…) conversations, newest first:"))
                .isLessThan(out.indexOf("  Andrew Bayko (2f6a8f0e…) conversations, newest first:"));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void severalFilesAreReplayedInOrderWithProgressAndFilteredRecordsAreNoted() {
        CliRun run = cli("replay", "--endpoint", endpoint, "--seed", SEED,
                NEW_MESSAGE, EVENTS + "remove.json", EVENTS + "own-group-write.json");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains(
                "▶ [1/3] " + NEW_MESSAGE + ": 1 record",
                "▶ [2/3] " + EVENTS + "remove.json: 1 record",
                "▶ [3/3] " + EVENTS + "own-group-write.json: 1 record",
                "replayed 3 files: no batch item failures");
        assertThat(run.out()).contains("handler: 0 processed · 1 skipped (REMOVE 1)")
                .contains("handler: 0 processed · 1 skipped (NOT_A_MESSAGE 1)")
                .contains("note: the deployed event filter would not deliver 1 of these records");
    }

    @Test
    void dumpPrintsEveryItemAsOneLineOfDynamoDbJsonSortedByPkThenSkOnStandardOutput() {
        String table = TABLE;

        CliRun run = cli("replay", "--endpoint", endpoint, "--seed", SEED, "--dump", NEW_MESSAGE);

        assertThat(run.code()).as(run.toString()).isZero();
        List<Map<String, AttributeValue>> items = run.outLines().stream().map(DynamoJson::parseItem).toList();
        List<Map<String, AttributeValue>> sorted = new ArrayList<>(items);
        sorted.sort(Items.BY_KEY);
        assertThat(items).hasSize(10).isEqualTo(sorted);
        assertThat(run.outLines()).contains(DynamoJson.format(Items.scanAll(admin, table).get(4)));
        assertThat(items).anySatisfy(item -> {
            assertThat(item.get("pk").s()).isEqualTo("GRP#" + ANDREW);
            assertThat(item.get("sk").s()).isEqualTo(NEW_SK);
            assertThat(item.get("message").s()).isEqualTo("Running late, save me a seat");
        });
        // The report went to standard error, out of the scripts' way.
        assertThat(run.err()).contains("handler: 1 processed", "Andrew Brown (90b2a6d4…) conversations");
    }

    @Test
    void againstAnEndpointAMissingTableIsCreatedFromTheSchemaAndNothingIsLoaded() {
        String table = TABLE;

        CliRun run = cli("replay", "--endpoint", endpoint, NEW_MESSAGE);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.outLines().getFirst()).isEqualTo("DynamoDB Local at " + endpoint + " · table " + table + " (created)");
        assertThat(run.out()).contains("no conversation-list rows for 1 conversation of this batch");
        TableDescription created = admin.describeTable(b -> b.tableName(table)).table();
        assertThat(created.globalSecondaryIndexes()).singleElement()
                .satisfies(index -> assertThat(index.indexName()).isEqualTo("message-group-sk-index"));
        assertThat(created.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(created.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(Items.scanAll(admin, table)).isEmpty();
    }

    @Test
    void againstAnEndpointExistingDataIsNeitherClearedNorReseeded() {
        String table = TABLE;
        TableDefinitions.createTable(admin, table);
        Map<String, AttributeValue> note = Map.of("pk", AttributeValue.fromS("NOTE#keep"), "sk", AttributeValue.fromS("x"));
        Map<String, AttributeValue> andrewsRow = Map.of(
                "pk", AttributeValue.fromS("GRP#" + ANDREW), "sk", AttributeValue.fromS("2026-11-01T00:00:00.000000+00:00"),
                "message_group_uuid", AttributeValue.fromS(G1), "message", AttributeValue.fromS("old"),
                "user_uuid", AttributeValue.fromS(CliRun.BAYKO), "user_display_name", AttributeValue.fromS("Andrew Bayko"),
                "user_handle", AttributeValue.fromS("bayko"));
        Items.putAll(admin, table, List.of(note, andrewsRow), n -> { });

        CliRun run = cli("replay", "--endpoint", endpoint, NEW_MESSAGE);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.outLines().getFirst()).isEqualTo("DynamoDB Local at " + endpoint + " · table " + table);
        List<Map<String, AttributeValue>> items = Items.scanAll(admin, table);
        assertThat(items).hasSize(2).contains(note);
        assertThat(items).anySatisfy(item -> {
            assertThat(item.get("pk").s()).isEqualTo("GRP#" + ANDREW);
            assertThat(item.get("sk").s()).isEqualTo(NEW_SK);
        });
    }

    @Test
    void seedLoadsTheGivenItemsInsteadOfTheSampleAndStatsShowTheRequests() throws IOException {
        // Only Andrew's and Bayko's rows of their conversation.
        Path seed = Files.writeString(dir.resolve("two-rows.json"), """
                [{"pk":{"S":"GRP#%1$s"},"sk":{"S":"2026-11-20T09:00:00.000000+00:00"},"message_group_uuid":{"S":"%3$s"},
                  "message":{"S":"See you"},"user_uuid":{"S":"%2$s"},"user_display_name":{"S":"Andrew Bayko"},
                  "user_handle":{"S":"bayko"}},
                 {"pk":{"S":"GRP#%2$s"},"sk":{"S":"2026-11-20T09:00:00.000000+00:00"},"message_group_uuid":{"S":"%3$s"},
                  "message":{"S":"See you"},"user_uuid":{"S":"%1$s"},"user_display_name":{"S":"Andrew Brown"},
                  "user_handle":{"S":"andrewbrown"}}]
                """.formatted(ANDREW, CliRun.BAYKO, G1));

        CliRun run = cli("replay", "--seed", seed.toString(), "--stats", NEW_MESSAGE);
        CliRun transactional = cli("replay", "--seed", seed.toString(), "--stats", "--write-mode", "transactional",
                NEW_MESSAGE);

        for (CliRun each : List.of(run, transactional)) {
            assertThat(each.code()).as(each.toString()).isZero();
            assertThat(each.outLines().getFirst()).endsWith("seeded 2 items from " + seed);
            assertThat(each.out()).contains(
                    "    before: 1. Andrew Bayko  2026-11-20T09:00:00  \"See you\"",
                    "    after:  1. Andrew Bayko  2026-11-21T12:00:00  \"Running late, save me a seat\"   ← new last message");
        }
        // The default (put-first) path: the two rows' puts, then the old rows' deletes.
        assertThat(run.out()).containsPattern(
                "  stats: handler \\d+\\.\\d ms · DynamoDB requests: DeleteItem 2, PutItem 2, Query 1 \\(5 requests\\)");
        assertThat(transactional.out()).containsPattern(
                "  stats: handler \\d+\\.\\d ms · DynamoDB requests: Query 1, TransactWriteItems 1 \\(2 requests\\)");
    }

    @Test
    void recordsOfAnotherTablesStreamAreRejectedByTheHandlerAndTheReportSaysWhy() {
        CliRun run = cli("replay", "--endpoint", endpoint, "--table", newTable(), NEW_MESSAGE);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("note: 1 of these records name another table's stream in eventSourceARN",
                "1 malformed", "record of another table's stream");
    }

    @Test
    void batchItemFailuresReportedByTheHandlerExitWithOne() {
        // A table without the index the handler finds a conversation's rows with: the handler
        // reports the record as a batch item failure, and the replay still runs to its report.
        createTableWithoutIndex(TABLE);

        CliRun run = cli("replay", "--endpoint", endpoint, NEW_MESSAGE);

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.HANDLER_FAILURES.code());
        assertThat(run.out()).contains("(conversation lists not shown: The table does not have the specified index")
                .contains("1 failed · batchItemFailures: [\"4100000000012345679000\"]")
                .contains("failed: conversation 5ae290ed… (sequence 4100000000012345679000");
    }
}
