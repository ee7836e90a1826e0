package com.cruddur.messaging.local.mapping;

import static com.cruddur.messaging.local.CliRun.ANDREW;
import static com.cruddur.messaging.local.CliRun.BAYKO;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.local.BackgroundCli;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.ops.ExitCode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code watch}, the local event source mapping, with {@code send} playing the other terminal. */
class WatchIT extends LocalDynamoDbTestBase {

    @Test
    void watchDeliversASendFromAnotherCommandAndTheConversationListReorders() throws Exception {
        CliRun seed = cli("seed", "--endpoint", endpoint);
        assertThat(seed.code()).as(seed.toString()).isZero();
        BackgroundCli watch = new BackgroundCli("watch", "--endpoint", endpoint, "--from", "latest",
                "--max-batches", "1", "--idle-exit", "30");
        watch.awaitOutput("watching the stream of cruddur-messages", Duration.ofSeconds(30));

        CliRun send = cli("send", "--endpoint", endpoint, "--group", G1, "--user", BAYKO, "--text", "From the other terminal");

        assertThat(send.code()).as(send.toString()).isZero();
        assertThat(watch.awaitExit()).isZero();
        assertThat(watch.out()).contains("[batch 1] shard …", "· 1 record · handler: 1 processed · 0 skipped"
                + " · 1 group updated · 2 rows re-created · 0 stale · 0 failed · batchItemFailures: []",
                "watch stopped after 1 batch: 1 batch, 1 invocation, 1 record delivered");
        CliRun andrews = cli("conversations", "--endpoint", endpoint, "--user", ANDREW);
        assertThat(andrews.outLines()).anySatisfy(line -> assertThat(line)
                .startsWith("  1. Andrew Bayko ").contains("\"From the other terminal\"").endsWith(G1));
    }

    @Test
    void watchOnTheEmbeddedDefaultDeliversTheSampleFromTheStartOfTheStreamAndThenASentMessage() throws Exception {
        BackgroundCli watch = new BackgroundCli("watch", "--max-batches", "2", "--idle-exit", "30");
        String started = watch.awaitOutput("watching the stream", Duration.ofSeconds(30));
        Matcher endpoint = Pattern.compile("send --endpoint (http://127\\.0\\.0\\.1:\\d+) ").matcher(started);
        assertThat(endpoint.find()).as(started).isTrue();
        // From the trim horizon: the sample's four messages pass the filter, its six rows do not.
        watch.awaitOutput("[batch 1]", Duration.ofSeconds(30));

        CliRun send = cli("send", "--endpoint", endpoint.group(1), "--group", G1, "--user", ANDREW, "--text", "hi");

        assertThat(send.code()).as(send.toString()).isZero();
        assertThat(watch.awaitExit()).isZero();
        assertThat(watch.out()).contains("· 4 records · handler: 4 processed",
                "[batch 2] shard …", "· 1 record · handler: 1 processed · 0 skipped · 1 group updated",
                "2 batches, 2 invocations, 5 records delivered, 6 filtered out, 0 given up on");
    }

    @Test
    void aBatchThatKeepsFailingIsRetriedFromTheFailedRecordThenWrittenToTheFailureBucketWithExitOne() {
        // Without the index the handler cannot find the conversation's rows: no retry helps.
        createTableWithoutIndex("cruddur-messages");
        admin.putItem(b -> b.tableName("cruddur-messages").item(Map.of(
                "pk", AttributeValue.fromS("GRP#" + ANDREW), "sk", AttributeValue.fromS("2026-11-20T09:00:00.000000+00:00"),
                "message_group_uuid", AttributeValue.fromS(G1), "user_uuid", AttributeValue.fromS(BAYKO))));
        admin.putItem(b -> b.tableName("cruddur-messages").item(Map.of(
                "pk", AttributeValue.fromS("MSG#" + G1), "sk", AttributeValue.fromS("2026-11-21T12:00:00.000000+00:00"),
                "message_uuid", AttributeValue.fromS("4d5e6f7a-8b9c-4d4e-9f5a-6b7c8d9e0f1a"),
                "message", AttributeValue.fromS("Running late"), "user_uuid", AttributeValue.fromS(BAYKO))));

        CliRun run = cli("watch", "--endpoint", endpoint, "--max-retries", "1", "--idle-exit", "2");

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.HANDLER_FAILURES.code());
        assertThat(run.out()).contains("[batch 1] shard …", "[batch 1, retry 1] shard …", "1 failed · batchItemFailures: [\"",
                "watch stopped: no stream record for 2 s: 1 batch, 2 invocations, 1 record delivered, 1 filtered out, 1 given up on");
        assertThat(run.err()).contains("messaging-local watch: gave up on 1 record (sequence numbers ",
                ", RetryAttemptsExhausted after 2 invocations): written to the failure bucket as aws/lambda/");
        assertThat(run.out()).containsPattern("failure destination: bucket cruddur-messages-failures at http://127\\.0\\.0\\.1:\\d+"
                + " \\(s3proxy, embedded; discarded on exit\\) · objects under aws/lambda/[0-9a-f-]{36}/");
    }
}
