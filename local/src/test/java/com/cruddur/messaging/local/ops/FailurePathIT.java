package com.cruddur.messaging.local.ops;

import static com.cruddur.messaging.local.CliRun.ANDREW;
import static com.cruddur.messaging.local.CliRun.BAYKO;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.local.BackgroundCli;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.ExitCode;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.local.LocalSqs;
import com.cruddur.messaging.local.Target;
import com.cruddur.messaging.local.mapping.StreamFailureRecord;
import com.cruddur.messaging.schema.MessagesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The failure path end to end, on DynamoDB Local and ElasticMQ in this JVM: the local event source
 * mapping ({@code watch}) cannot get a conversation updated (a fault injected at the handler's SDK
 * client), gives up on its record and describes it to the failure queue as Lambda would; then,
 * the fault gone, {@code redrive} applies exactly that record, deletes the message, and a second
 * redrive has nothing to do.
 */
class FailurePathIT extends LocalDynamoDbTestBase {

    private static final AtomicInteger QUEUES = new AtomicInteger();

    private static LocalSqs elasticMq;
    private static SqsClient sqs;

    @TempDir
    Path dir;

    @BeforeAll
    static void startElasticMq() {
        elasticMq = LocalSqs.start();
        sqs = Target.localSqs(elasticMq.endpoint());
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
        elasticMq.close();
    }

    private static String newQueue() {
        return sqs.createQueue(b -> b.queueName("failures-" + QUEUES.incrementAndGet())).queueUrl();
    }

    /** The queue's messages, looked at without hiding them. */
    private static List<Message> peek(String queue) {
        return sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0)).messages();
    }

    /** G1's conversation-list rows, by owner. */
    private static Map<String, Map<String, AttributeValue>> rowsOfG1() {
        return Items.scanAll(admin, MessagesTable.DEFAULT_TABLE_NAME).stream()
                .filter(i -> i.get("pk").s().startsWith("GRP#") && G1.equals(i.get("message_group_uuid").s()))
                .collect(Collectors.toMap(i -> i.get("pk").s(), i -> i));
    }

    private static Map<String, AttributeValue> newestMessageOfG1() {
        return admin.query(b -> b.tableName(MessagesTable.DEFAULT_TABLE_NAME).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("MSG#" + G1)))
                .scanIndexForward(false).limit(1)).items().getFirst();
    }

    @Test
    void aConversationTheHandlerCannotUpdateGoesToTheFailureQueueAndRedriveAppliesItExactlyOnce() throws Exception {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();
        String queue = newQueue();
        BackgroundCli watch = new BackgroundCli("watch", "--endpoint", endpoint, "--from", "latest",
                "--failure-queue-url", queue, "--fail-conversation", G1, "--max-batches", "1", "--idle-exit", "60");
        watch.awaitOutput("watching the stream of cruddur-messages", Duration.ofSeconds(30));

        CliRun send = cli("send", "--endpoint", endpoint, "--group", G1, "--user", BAYKO, "--text", "Lost, then found");

        assertThat(send.code()).as(send.toString()).isZero();
        assertThat(watch.awaitExit()).as(watch.out() + watch.err()).isEqualTo(ExitCode.HANDLER_FAILURES.code());
        assertThat(watch.out()).contains("[batch 1] shard …", "[batch 1, retry 5]",
                "DynamoDbException(400 AccessDeniedException)");
        assertThat(watch.err()).contains("gave up on 1 record (sequence numbers ",
                "RetryAttemptsExhausted after 6 invocations): sent to the failure queue");
        Map<String, AttributeValue> message = newestMessageOfG1();
        String sentAt = message.get("sk").s();
        Map<String, Map<String, AttributeValue>> before = rowsOfG1();
        assertThat(before.values()).as("the lists did not move").allSatisfy(row ->
                assertThat(row.get("sk").s()).isLessThan(sentAt));

        // Lambda's message: the record's shard and sequence-number range, not the record.
        List<Message> waiting = peek(queue);
        assertThat(waiting).hasSize(1);
        StreamFailureRecord failure = StreamFailureRecord.parse(waiting.getFirst().body());
        assertThat(failure.condition()).isEqualTo(StreamFailureRecord.RETRIES_EXHAUSTED);
        assertThat(failure.invokeCount()).isEqualTo(6);
        assertThat(failure.startSequenceNumber()).isEqualTo(failure.endSequenceNumber());
        assertThat(failure.batchSize()).isEqualTo(1);
        assertThat(failure.tableName()).isEqualTo(MessagesTable.DEFAULT_TABLE_NAME);

        CliRun dryRun = cli("redrive", "--endpoint", endpoint, "--queue-url", queue, "--dry-run");

        assertThat(dryRun.code()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("stream: read 1 record · 0 filtered out",
                "dry run: would apply 1 record in 1 invocation · 1 conversation to update: " + G1 + " (2 rows to write)",
                "left in the queue", "redrive: 1 message, 1 would be redriven");
        assertThat(rowsOfG1()).isEqualTo(before);
        assertThat(peek(queue)).hasSize(1);

        // The fault was watch's alone: redrive's handler reaches DynamoDB.
        CliRun redrive = cli("redrive", "--endpoint", endpoint, "--queue-url", queue);

        assertThat(redrive.code()).as(redrive.toString()).isZero();
        assertThat(redrive.out()).contains("RetryAttemptsExhausted after 6 invocations · shard " + failure.shardId()
                        + " · sequence numbers " + failure.startSequenceNumber() + " to " + failure.endSequenceNumber(),
                "stream: read 1 record · 0 filtered out",
                "1 record · handler: 1 processed · 0 skipped · 1 group updated · 2 rows re-created",
                "applied 1 record of 1 in 1 invocation · 1 conversation updated: " + G1 + " · 0 already up to date",
                "deleted from the queue", "redrive: 1 message, 1 redriven and deleted");
        assertThat(rowsOfG1().values()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("sk").s()).isEqualTo(sentAt);
            assertThat(row.get("message").s()).isEqualTo("Lost, then found");
        });
        assertThat(cli("conversations", "--endpoint", endpoint, "--user", ANDREW).outLines()).anySatisfy(line ->
                assertThat(line).startsWith("  1. Andrew Bayko ").contains("\"Lost, then found\"").endsWith(G1));
        assertThat(peek(queue)).isEmpty();

        List<String> table = Items.scanAll(admin, MessagesTable.DEFAULT_TABLE_NAME).stream().map(DynamoJson::format).toList();
        CliRun again = cli("redrive", "--endpoint", endpoint, "--queue-url", queue);

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.outLines()).last().isEqualTo("redrive: no failure message in the queue: nothing to do");
        assertThat(Items.scanAll(admin, MessagesTable.DEFAULT_TABLE_NAME).stream().map(DynamoJson::format).toList())
                .isEqualTo(table);
    }

    @Test
    void aRangeTheStreamNoLongerHoldsIsLeftInTheQueueWithReconcileAsTheWayOut() {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();
        String streamArn = admin.describeTable(b -> b.tableName(MessagesTable.DEFAULT_TABLE_NAME)).table().latestStreamArn();
        String queue = newQueue();
        // A shard that aged out of the stream (shards live 24 hours after they close).
        String gone = new StreamFailureRecord("RecordAgeExceeded", 0, null, Instant.now(),
                "shardId-00000001700000000000-0badc0de", "000000000000000000100", "000000000000000000102", null, null, 3,
                streamArn).toJson();
        String otherTable = new StreamFailureRecord("RetryAttemptsExhausted", 6, null, Instant.now(), "shardId-1",
                "000000000000000000100", "000000000000000000100", null, null, 1,
                streamArn.replace("table/cruddur-messages/", "table/other/")).toJson();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(gone));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody(otherTable));
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"KinesisBatchInfo\":{}}"));

        CliRun run = cli("redrive", "--endpoint", endpoint, "--queue-url", queue);

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.HANDLER_FAILURES.code());
        assertThat(run.out()).contains(
                "the records are no longer in the stream (the stream or its shard shardId-00000001700000000000-0badc0de"
                        + " no longer exists): stream records are kept 24 hours. Run reconcile --apply to bring the"
                        + " conversation lists up to date from the table's messages, then delete this message",
                "records of table other's stream, not cruddur-messages's: run redrive with --table other",
                "not a failure record of this stream's mapping (a Kinesis failure record (KinesisBatchInfo), not a DynamoDB stream's)",
                "redrive: 3 messages, 0 redriven and deleted, 3 left in the queue (1 with records gone from the stream:"
                        + " run reconcile --apply, 2 unusable)");
        // Left, and visible again at once for the next reader.
        assertThat(peek(queue)).hasSize(3);
    }

    @Test
    void failureMessagesSavedInAFileAreRedrivenWithoutAQueue() throws Exception {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();
        assertThat(cli("send", "--endpoint", endpoint, "--group", G1, "--user", ANDREW, "--text", "From a file").code()).isZero();
        String streamArn = admin.describeTable(b -> b.tableName(MessagesTable.DEFAULT_TABLE_NAME)).table().latestStreamArn();
        Record last;
        String shardId;
        try (DynamoDbStreamsClient streams = dynamoDb.streamsClient()) {
            Shard shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().getLast();
            shardId = shard.shardId();
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            last = streams.getRecords(b -> b.shardIterator(iterator)).records().getLast();
        }
        String body = new StreamFailureRecord("RetryAttemptsExhausted", 6, null, Instant.now(), shardId,
                last.dynamodb().sequenceNumber(), last.dynamodb().sequenceNumber(), null, null, 1, streamArn).toJson();
        // As `aws sqs receive-message` prints it.
        Path saved = dir.resolve("received.json");
        Files.writeString(saved, "{\"Messages\":[{\"MessageId\":\"m-1\",\"ReceiptHandle\":\"r\",\"Body\":"
                + DynamoJson.quote(body) + "}]}");

        CliRun run = cli("redrive", "--endpoint", endpoint, saved.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("failure messages from " + saved, "message 1 (m-1): RetryAttemptsExhausted",
                "1 conversation updated: " + G1, "redrive: 1 message, 1 redriven (delete them from the queue yourself)");
        assertThat(rowsOfG1().values()).allSatisfy(row -> assertThat(row.get("message").s()).isEqualTo("From a file"));
    }
}
