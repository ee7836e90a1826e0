package com.cruddur.messaging.local;

import static com.cruddur.messaging.local.CliRun.ANDREW;
import static com.cruddur.messaging.local.CliRun.EVENTS;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --aws}: the default credential chain and region, no endpoint of the CLI's. Pointed at
 * DynamoDB Local through the SDK's own standard settings (system properties here, the
 * environment for people), which exercises exactly the clients {@code --aws} builds.
 */
class AwsTargetIT extends LocalDynamoDbTestBase {

    private static final Map<String, String> SETTINGS = Map.of(
            "aws.region", "us-east-1",
            "aws.accessKeyId", "local",
            "aws.secretAccessKey", "local",
            "aws.endpointUrl", "");
    private static final Map<String, String> saved = new HashMap<>();

    @BeforeAll
    static void pointTheDefaultChainAtDynamoDbLocal() {
        for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
            saved.put(setting.getKey(), System.getProperty(setting.getKey()));
            System.setProperty(setting.getKey(), setting.getValue().isEmpty() ? endpoint : setting.getValue());
        }
    }

    @AfterAll
    static void restoreTheSettings() {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void replayWithAwsNeverCreatesTheTable() {
        CliRun run = cli("replay", "--aws", EVENTS + "new-message.json");

        assertThat(run.code()).isEqualTo(ExitCode.DYNAMODB_ERROR.code());
        assertThat(run.errLines()).containsExactly(
                "messaging-local replay: table cruddur-messages not found at AWS DynamoDB (us-east-1, default credentials)");
        assertThat(TableDefinitions.tableExists(admin, "cruddur-messages")).isFalse();
    }

    @Test
    void replayConversationsAndMessagesWorkOnTheExistingTable() throws IOException {
        TableDefinitions.createTable(admin, "cruddur-messages");
        Items.putAll(admin, "cruddur-messages",
                DynamoJson.parseItems(Files.readString(Path.of(EVENTS, "seed", "conversations.json"))), n -> { });

        CliRun replay = cli("replay", "--aws", EVENTS + "new-message.json");
        CliRun conversations = cli("conversations", "--aws", "--user", ANDREW);
        CliRun messages = cli("messages", "--aws", "--group", G1);

        assertThat(replay.code()).as(replay.toString()).isZero();
        assertThat(replay.outLines().getFirst()).isEqualTo("AWS DynamoDB (us-east-1, default credentials) · table cruddur-messages");
        assertThat(replay.out()).contains("\"Running late, save me a seat\"   ← moved up");
        assertThat(conversations.code()).isZero();
        assertThat(conversations.outLines()).contains(List.of(
                "  1. Andrew Bayko   2026-11-21T12:00:00  \"Running late, save me a seat\"  · " + G1).getFirst());
        assertThat(messages.code()).isZero();
        assertThat(messages.out()).contains("conversation " + G1 + ": 2 messages, newest first:");
    }
}
