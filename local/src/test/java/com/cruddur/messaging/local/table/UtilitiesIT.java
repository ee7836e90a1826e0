package com.cruddur.messaging.local.table;

import static com.cruddur.messaging.local.CliRun.ANDREW;
import static com.cruddur.messaging.local.CliRun.BAYKO;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.LONDO;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The table utilities, against a DynamoDB Local started separately (and two on the embedded default). */
class UtilitiesIT extends LocalDynamoDbTestBase {

    @TempDir
    Path dir;

    /** A table of its own, with the sample conversation. */
    private static String seededTable() {
        String table = newTable();
        CliRun seed = cli("seed", "--endpoint", endpoint, "--table", table);
        assertThat(seed.code()).as(seed.toString()).isZero();
        return table;
    }

    @Test
    void schemaLoadCreatesTheTableFromTheSchemaOnceAndThenLeavesItAsItIs() {
        String table = newTable();

        CliRun first = cli("schema-load", "--endpoint", endpoint, "--table", table);
        CliRun second = cli("schema-load", "--endpoint", endpoint, "--table", table);

        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.out()).contains("created table " + table
                + ": key pk/sk, index message-group-sk-index (message_group_uuid, sk), stream NEW_IMAGE");
        assertThat(TableDefinitions.tableExists(admin, table)).isTrue();
        assertThat(second.code()).isZero();
        assertThat(second.out()).contains("table " + table + " already exists; left as it is");
    }

    @Test
    void listTablesPrintsOneTableNamePerLine() {
        String table = seededTable();

        CliRun run = cli("list-tables", "--endpoint", endpoint);

        assertThat(run.code()).isZero();
        assertThat(run.outLines()).contains(table);
        assertThat(run.err()).contains("DynamoDB Local at " + endpoint);
    }

    @Test
    void seedLoadsTheSampleConversationCreatingTheTableIfMissing() {
        String table = newTable();

        CliRun run = cli("seed", "--endpoint", endpoint, "--table", table);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("seeded 10 items into " + table + " (created the table) from ../events/seed/conversations.json");
        assertThat(Items.scanAll(admin, table)).hasSize(10);
    }

    @Test
    void seedOfALargeFileShowsProgress() throws IOException {
        String table = newTable();
        String items = IntStream.range(0, 250)
                .mapToObj(i -> "{\"pk\":{\"S\":\"MSG#g\"},\"sk\":{\"S\":\"2026-11-21T00:00:%06d\"},\"message\":{\"S\":\"m%d\"}}"
                        .formatted(i, i))
                .collect(Collectors.joining(",", "[", "]"));
        Path file = Files.writeString(dir.resolve("many.json"), items);

        CliRun run = cli("seed", "--endpoint", endpoint, "--table", table, file.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.errLines()).contains("seeding " + table + ": 250/250 items");
        assertThat(run.errLines().size()).isGreaterThan(2);
        assertThat(Items.scanAll(admin, table)).hasSize(250);
    }

    @Test
    void scanPrintsEveryItemAsOneSortedLineOfDynamoDbJson() {
        String table = seededTable();

        CliRun run = cli("scan", "--endpoint", endpoint, "--table", table);

        assertThat(run.code()).isZero();
        List<Map<String, AttributeValue>> items = run.outLines().stream().map(DynamoJson::parseItem).toList();
        List<Map<String, AttributeValue>> sorted = new ArrayList<>(items);
        sorted.sort(Items.BY_KEY);
        assertThat(items).hasSize(10).isEqualTo(sorted).isEqualTo(Items.scanAll(admin, table));
        assertThat(run.err()).startsWith("10 items · DynamoDB Local at " + endpoint);
    }

    @Test
    void conversationsListsAUsersConversationsNewestFirst() {
        String table = seededTable();

        CliRun run = cli("conversations", "--endpoint", endpoint, "--table", table, "--user", ANDREW);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.outLines()).containsSubsequence(
                "Andrew Brown (" + ANDREW + ") conversations, newest first:",
                "  1. Londo Mollari  2026-11-20T10:30:00  \"The council meets at noon\"  · 8e1f0c3a-6b7d-4e2f-a1c9-3d5e7f9b1a24",
                "  2. Andrew Bayko   2026-11-20T09:00:00  \"See you at the meetup\"  · " + G1);
    }

    @Test
    void conversationsOnTheEmbeddedDefaultShowTheSampleConversation() {
        CliRun run = cli("conversations", "--user", LONDO);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.outLines().getFirst()).startsWith("DynamoDB Local (embedded) at http://127.0.0.1:")
                .endsWith("seeded 10 items from ../events/seed/conversations.json · discarded on exit");
        assertThat(run.out()).contains("Londo Mollari (" + LONDO + ") conversations, newest first:",
                "  1. Andrew Brown  2026-11-20T10:30:00", "  2. Andrew Bayko  2026-11-20T08:00:00");
    }

    @Test
    void messagesListsAConversationsMessagesNewestFirstUpToTheLimit() {
        String table = seededTable();

        CliRun all = cli("messages", "--endpoint", endpoint, "--table", table, "--group", G1);
        CliRun one = cli("messages", "--endpoint", endpoint, "--table", table, "--group", G1, "--limit", "1");

        assertThat(all.code()).isZero();
        assertThat(all.outLines()).containsSubsequence(
                "conversation " + G1 + ": 2 messages, newest first:",
                "  2026-11-20T09:00:00  Andrew Bayko  \"See you at the meetup\"",
                "  2026-11-20T08:55:00  Andrew Brown  \"Are you coming to the meetup tonight?\"");
        assertThat(one.outLines()).containsSubsequence(
                "conversation " + G1 + ": 1 message, newest first (--limit 1):",
                "  2026-11-20T09:00:00  Andrew Bayko  \"See you at the meetup\"");
        assertThat(one.out()).doesNotContain("Are you coming");
    }

    @Test
    void sendToAnEndpointPutsAMessageWithAFreshUuidAndCreatedAtAndLeavesDeliveryToWatch() {
        String table = seededTable();
        Instant before = Instant.now();

        CliRun run = cli("send", "--endpoint", endpoint, "--table", table, "--group", G1, "--user", BAYKO,
                "--text", "Running late");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("not delivered here: a watch --endpoint " + endpoint);
        Map<String, AttributeValue> message = Items.scanAll(admin, table).stream()
                .filter(i -> i.get("message").s().equals("Running late")).findFirst().orElseThrow();
        assertThat(message.get("pk").s()).isEqualTo("MSG#" + G1);
        assertThat(UUID.fromString(message.get("message_uuid").s())).isNotNull();
        assertThat(message.get("sk").s()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00");
        assertThat(OffsetDateTime.parse(message.get("sk").s()).toInstant()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(message.get("user_uuid").s()).isEqualTo(BAYKO);
        assertThat(message.get("user_display_name").s()).isEqualTo("Andrew Bayko");
        assertThat(message.get("user_handle").s()).isEqualTo("bayko");
        // Nothing delivered it: the conversation list is as seeded.
        assertThat(cli("conversations", "--endpoint", endpoint, "--table", table, "--user", ANDREW).out())
                .contains("  1. Londo Mollari");
    }

    @Test
    void sendByAUserOutsideTheConversationIsRefusedAsBadInput() {
        String table = seededTable();

        CliRun run = cli("send", "--endpoint", endpoint, "--table", table, "--group", G1, "--user", LONDO, "--text", "hi");

        assertThat(run.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(run.errLines()).containsExactly(
                "messaging-local send: user " + LONDO + " is not a participant of conversation " + G1);
    }

    @Test
    void sendOnTheEmbeddedDefaultDeliversTheStreamRecordItsPutProducedThroughTheHandler() {
        CliRun run = cli("send", "--group", G1, "--user", BAYKO, "--text", "Running late, save me a seat");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("sent message ", "from Andrew Bayko (2f6a8f0e…) to conversation " + G1,
                "▶ stream: 1 record (INSERT MSG#" + G1 + ") through the deployed filter to the handler",
                "  handler: 1 processed · 0 skipped · 1 group updated · 2 rows re-created · 0 stale · 0 failed"
                        + " · batchItemFailures: []",
                "  Andrew Brown (90b2a6d4…) conversations, newest first:");
        assertThat(run.out()).containsPattern(
                "    after:  1\\. Andrew Bayko   \\S+  \"Running late, save me a seat\"   ← moved up");
    }

    @Test
    void dropDeletesTheTableOnlyWithYes() {
        String table = seededTable();

        CliRun refused = cli("drop", "--endpoint", endpoint, "--table", table);
        CliRun dropped = cli("drop", "--endpoint", endpoint, "--table", table, "--yes");
        CliRun again = cli("drop", "--endpoint", endpoint, "--table", table, "--yes");

        assertThat(refused.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(refused.errLines()).containsExactly("messaging-local drop: refusing to delete table " + table + " without --yes");
        assertThat(dropped.code()).isZero();
        assertThat(dropped.out()).contains("dropped table " + table);
        assertThat(TableDefinitions.tableExists(admin, table)).isFalse();
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("no table " + table + "; nothing to drop");
    }

    @Test
    void readingAMissingTableExitsWithFourNamingTheTableAndTheEndpoint() {
        String table = newTable();

        CliRun run = cli("conversations", "--endpoint", endpoint, "--table", table, "--user", ANDREW);

        assertThat(run.code()).isEqualTo(ExitCode.DYNAMODB_ERROR.code());
        assertThat(run.errLines()).containsExactly("messaging-local conversations: table " + table
                + " not found at DynamoDB Local at " + endpoint + " (create it with schema-load)");
    }
}
