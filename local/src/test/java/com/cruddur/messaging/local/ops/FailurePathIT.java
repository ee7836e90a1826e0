package com.cruddur.messaging.local.ops;

import static com.cruddur.messaging.local.CliRun.ANDREW;
import static com.cruddur.messaging.local.CliRun.BAYKO;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.local.BackgroundCli;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.local.ServiceRequests;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.LocalEndpoints;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The failure path end to end, on DynamoDB Local and s3proxy in this JVM: the local event source
 * mapping ({@code watch}) cannot get a conversation updated (a fault injected at the handler's SDK
 * client), gives up on its record and writes the batch to the failure bucket as Lambda writes to an
 * S3 destination; then, the fault gone, {@code redrive} applies exactly that record from the object
 * alone, without a single request to the stream, removes the object, and a second redrive has
 * nothing to do.
 */
class FailurePathIT extends LocalDynamoDbTestBase {

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final Pattern MAPPING = Pattern.compile("objects under aws/lambda/([0-9a-f-]{36})/");

    private static LocalS3 s3proxy;
    private static S3Client s3;

    @BeforeAll
    static void startS3proxy() {
        s3proxy = LocalS3.start();
        s3 = LocalEndpoints.s3(s3proxy.endpoint());
    }

    @AfterAll
    static void stopS3proxy() {
        s3.close();
        s3proxy.close();
    }

    private static String newBucket() {
        String bucket = "failures-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    private static List<S3Object> objects(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents();
    }

    private static CliRun redrive(String bucket, String... more) {
        List<String> args = new ArrayList<>(List.of("redrive", "--endpoint", endpoint,
                "--s3-endpoint", s3proxy.endpoint().toString(), "--bucket", bucket));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
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
    void aConversationTheHandlerCannotUpdateGoesToTheBucketAndRedriveAppliesItOnceWithoutReadingTheStream()
            throws Exception {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();
        String bucket = newBucket();
        BackgroundCli watch = new BackgroundCli("watch", "--endpoint", endpoint, "--from", "latest",
                "--s3-endpoint", s3proxy.endpoint().toString(), "--failure-bucket", bucket,
                "--fail-conversation", G1, "--max-batches", "1", "--idle-exit", "60");
        String started = watch.awaitOutput("watching the stream of cruddur-messages", Duration.ofSeconds(30));
        ServiceRequests.reset();

        CliRun send = cli("send", "--endpoint", endpoint, "--group", G1, "--user", BAYKO, "--text", "Lost, then found");

        assertThat(send.code()).as(send.toString()).isZero();
        assertThat(watch.awaitExit()).as(watch.out() + watch.err()).isEqualTo(ExitCode.HANDLER_FAILURES.code());
        // The counter sees stream requests when there are some: the mapping's polling.
        assertThat(ServiceRequests.of("DynamoDbStreams")).as(ServiceRequests.snapshot().toString()).isPositive();
        assertThat(watch.out()).contains("[batch 1] shard …", "[batch 1, retry 5]",
                "DynamoDbException(400 AccessDeniedException)");
        assertThat(watch.err()).contains("gave up on 1 record (sequence numbers ",
                "RetryAttemptsExhausted after 6 invocations): written to the failure bucket as aws/lambda/");
        Map<String, AttributeValue> message = newestMessageOfG1();
        String sentAt = message.get("sk").s();
        Map<String, Map<String, AttributeValue>> before = rowsOfG1();
        assertThat(before.values()).as("the lists did not move").allSatisfy(row ->
                assertThat(row.get("sk").s()).isLessThan(sentAt));

        // Lambda's S3 object: under the documented key, where the record was and the record itself.
        List<S3Object> waiting = objects(bucket);
        assertThat(waiting).hasSize(1);
        String key = waiting.getFirst().key();
        Matcher mapping = MAPPING.matcher(started);
        assertThat(mapping.find()).as(started).isTrue();
        FailureObjects.Key parts = FailureObjects.parse(key).orElseThrow(() -> new AssertionError("not the layout: " + key));
        assertThat(parts.mappingUuid()).isEqualTo(mapping.group(1));
        assertThat(parts.writtenAt()).isBetween(Instant.now().minusSeconds(120), Instant.now());
        byte[] content = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        assertThat(new ObjectMapper().readTree(content).get(FailureObjects.PAYLOAD).isTextual()).isTrue();
        FailureObject failure = FailureObject.parse(key, content);
        assertThat(parts.shardId()).isEqualTo(failure.shardId());
        assertThat(failure.condition()).isEqualTo(FailureObjects.RETRIES_EXHAUSTED);
        assertThat(failure.invokeCount()).isEqualTo(6);
        assertThat(failure.startSequenceNumber()).isEqualTo(failure.endSequenceNumber());
        assertThat(failure.batchSize()).isEqualTo(1);
        assertThat(failure.records()).singleElement().satisfies(record -> {
            assertThat(record.at("/dynamodb/Keys/sk/S").asText()).isEqualTo(sentAt);
            assertThat(record.at("/dynamodb/NewImage/message/S").asText()).isEqualTo("Lost, then found");
            assertThat(record.at("/dynamodb/SequenceNumber").asText()).isEqualTo(failure.startSequenceNumber());
        });

        CliRun dryRun = redrive(bucket, "--dry-run");

        assertThat(dryRun.code()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("(1 failure object)", "payload: 1 record · 0 filtered out",
                "re-read: 1 record as the table holds its message now · 0 deleted since, skipped · 0 changed since",
                "dry run: would apply 1 record in 1 invocation · 1 conversation to update: " + G1 + " (2 rows to write)",
                "dry run: left in the bucket", "redrive: 1 failure object, 1 would be redriven");
        assertThat(rowsOfG1()).isEqualTo(before);
        assertThat(objects(bucket)).hasSize(1);

        // The fault was watch's alone: redrive's handler reaches DynamoDB.
        ServiceRequests.reset();
        CliRun redrive = redrive(bucket);
        Map<String, Integer> requests = ServiceRequests.snapshot();

        assertThat(redrive.code()).as(redrive.toString()).isZero();
        assertThat(redrive.out()).contains("▶ object 1 " + key + " (stored ",
                "RetryAttemptsExhausted after 6 invocations · shard " + failure.shardId()
                        + " · sequence numbers " + failure.startSequenceNumber() + " to " + failure.endSequenceNumber(),
                "payload: 1 record · 0 filtered out",
                "1 record · handler: 1 processed · 0 skipped · 1 group updated · 2 rows re-created",
                "applied 1 record of 1 in 1 invocation · 1 conversation updated: " + G1 + " · 0 already up to date",
                "removed from the bucket", "redrive: 1 failure object, 1 redriven and removed");
        assertThat(ServiceRequests.of("DynamoDbStreams")).as("stream requests of redrive: " + requests).isZero();
        assertThat(requests).containsEntry("S3 ListObjectsV2", 1).containsEntry("S3 GetObject", 1)
                .containsEntry("S3 DeleteObject", 1).containsEntry("DynamoDb GetItem", 1);
        assertThat(rowsOfG1().values()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("sk").s()).isEqualTo(sentAt);
            assertThat(row.get("message").s()).isEqualTo("Lost, then found");
        });
        assertThat(cli("conversations", "--endpoint", endpoint, "--user", ANDREW).outLines()).anySatisfy(line ->
                assertThat(line).startsWith("  1. Andrew Bayko ").contains("\"Lost, then found\"").endsWith(G1));
        assertThat(objects(bucket)).isEmpty();

        List<String> table = Items.scanAll(admin, MessagesTable.DEFAULT_TABLE_NAME).stream().map(DynamoJson::format).toList();
        CliRun again = redrive(bucket);

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.outLines()).last().isEqualTo("redrive: no failure object in bucket " + bucket + ": nothing to do");
        assertThat(Items.scanAll(admin, MessagesTable.DEFAULT_TABLE_NAME).stream().map(DynamoJson::format).toList())
                .isEqualTo(table);
    }
}
