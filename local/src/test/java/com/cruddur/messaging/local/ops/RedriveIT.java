package com.cruddur.messaging.local.ops;

import static com.cruddur.messaging.local.CliRun.BAYKO;
import static com.cruddur.messaging.local.CliRun.EVENTS;
import static com.cruddur.messaging.local.CliRun.G1;
import static com.cruddur.messaging.local.CliRun.G2;
import static com.cruddur.messaging.local.CliRun.LONDO;
import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.local.ServiceRequests;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.LocalEndpoints;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code redrive} on failure objects made by hand, as Lambda writes them: a saved object applied from
 * a file with no stream at all; a payload older than the table (a message deleted since, one edited
 * since); objects that cannot be used; choosing objects by age and number.
 */
class RedriveIT extends LocalDynamoDbTestBase {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final String TABLE = MessagesTable.DEFAULT_TABLE_NAME;
    /** A stream that does not exist: the table's stream was disabled, or the table recreated, since. */
    private static final String GONE_STREAM = "arn:aws:dynamodb:us-east-1:123456789012:table/cruddur-messages/stream/2020-01-01T00:00:00.000";

    private static LocalS3 s3proxy;
    private static S3Client s3;

    @TempDir
    Path dir;

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

    private static Map<String, AttributeValue> message(String group, String sk, String text, String user) {
        return Map.of("pk", AttributeValue.fromS("MSG#" + group), "sk", AttributeValue.fromS(sk),
                "message_uuid", AttributeValue.fromS(UUID.nameUUIDFromBytes((group + sk).getBytes(StandardCharsets.UTF_8)).toString()),
                "message", AttributeValue.fromS(text), "user_uuid", AttributeValue.fromS(user),
                "user_display_name", AttributeValue.fromS("Someone"), "user_handle", AttributeValue.fromS("someone"));
    }

    /** A stream record of the item's INSERT, as Lambda delivers it. */
    private static JsonNode record(int sequence, Map<String, AttributeValue> item, String streamArn) throws Exception {
        String keys = DynamoJson.format(Map.of("pk", item.get("pk"), "sk", item.get("sk")));
        return MAPPER.readTree("{\"eventID\":\"e" + sequence + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",\"dynamodb\":{\"ApproximateCreationDateTime\":"
                + "1795300000,\"Keys\":" + keys + ",\"NewImage\":" + DynamoJson.format(item) + ",\"SequenceNumber\":\""
                + String.format("%021d", sequence) + "\",\"SizeBytes\":200,\"StreamViewType\":\"NEW_IMAGE\"},"
                + "\"eventSourceARN\":\"" + streamArn + "\"}");
    }

    private static FailureObject failure(String streamArn, List<JsonNode> records) {
        return new FailureObject(FailureObjects.RETRIES_EXHAUSTED, 6, null, Instant.now(), "shardId-00000001795300000000-0badc0de",
                records.getFirst().at("/dynamodb/SequenceNumber").asText(),
                records.getLast().at("/dynamodb/SequenceNumber").asText(), null, null, records.size(), streamArn, records);
    }

    private static String newBucket(String... objects) {
        String bucket = "redrive-" + BUCKETS.incrementAndGet();
        s3.createBucket(b -> b.bucket(bucket));
        for (String content : objects) {
            String key = FailureObjects.key(UUID.randomUUID().toString(), "shardId-1", Instant.now(), UUID.randomUUID());
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
        }
        return bucket;
    }

    private static CliRun redrive(String bucket, String... more) {
        List<String> args = new ArrayList<>(List.of("redrive", "--endpoint", endpoint,
                "--s3-endpoint", s3proxy.endpoint().toString(), "--bucket", bucket));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private static int objects(String bucket) {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents().size();
    }

    /** A conversation's rows, by owner. */
    private static Map<String, Map<String, AttributeValue>> rowsOf(String group) {
        return Items.scanAll(admin, TABLE).stream()
                .filter(i -> i.get("pk").s().startsWith("GRP#") && group.equals(i.get("message_group_uuid").s()))
                .collect(Collectors.toMap(i -> i.get("pk").s(), i -> i));
    }

    @Test
    void aSavedFailureObjectIsAppliedFromItsPayloadAloneWhenItsStreamNoLongerExists() throws Exception {
        // The table as it is now: no stream enabled, and the object's stream is gone.
        CreateTableRequest withStream = TableDefinitions.createTableRequest(TABLE);
        admin.createTable(withStream.toBuilder().streamSpecification((StreamSpecification) null).build());
        assertThat(admin.describeTable(b -> b.tableName(TABLE)).table().streamSpecification()).isNull();
        try (DynamoDbStreamsClient streams = dynamoDb.streamsClient()) {
            assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(GONE_STREAM)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        Items.putAll(admin, TABLE, DynamoJson.parseItems(Files.readString(Path.of(EVENTS, "seed", "conversations.json"))), n -> { });
        JsonNode record = MAPPER.readTree(Files.readString(Path.of(EVENTS, "new-message.json"))).get("Records").get(0);
        // The message the app wrote, whose stream record the mapping gave up on.
        admin.putItem(b -> b.tableName(TABLE).item(DynamoJson.parseItem(record.at("/dynamodb/NewImage").toString())));
        ((ObjectNode) record).put("eventSourceARN", GONE_STREAM);
        Path saved = dir.resolve("failure-object.json");
        Files.writeString(saved, failure(GONE_STREAM, List.of(record)).toJson());
        ServiceRequests.reset();

        CliRun run = cli("redrive", "--endpoint", endpoint, saved.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("· failure object from " + saved, "▶ " + saved + ": RetryAttemptsExhausted after 6"
                        + " invocations · shard shardId-00000001795300000000-0badc0de",
                "payload: 1 record · 0 filtered out",
                "re-read: 1 record as the table holds its message now · 0 deleted since, skipped · 0 changed since",
                "applied 1 record of 1 in 1 invocation · 1 conversation updated: " + G1,
                "redrive: 1 failure object, 1 redriven (from a file: nothing removed)");
        assertThat(ServiceRequests.of("DynamoDbStreams")).isZero();
        assertThat(rowsOf(G1).values()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("sk").s()).isEqualTo("2026-11-21T12:00:00.000000+00:00");
            assertThat(row.get("message").s()).isEqualTo("Running late, save me a seat");
        });

        // Again, from standard input: nothing left to change.
        List<String> table = Items.scanAll(admin, TABLE).stream().map(DynamoJson::format).toList();
        InputStream stdin = System.in;
        CliRun again;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(saved)));
            again = cli("redrive", "--endpoint", endpoint, "-");
        } finally {
            System.setIn(stdin);
        }
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).contains("failure object from standard input", "0 conversations updated · 1 already up to date");
        assertThat(Items.scanAll(admin, TABLE).stream().map(DynamoJson::format).toList()).isEqualTo(table);
    }

    @Test
    void aMessageDeletedSinceIsSkippedAndOneEditedSinceIsAppliedAsTheTableHoldsItNow() throws Exception {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();
        String streamArn = admin.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        String editedAt = "2026-11-25T10:00:00.000000+00:00";
        String deletedAt = "2026-11-25T11:00:00.000000+00:00";
        Map<String, AttributeValue> draft = message(G1, editedAt, "First draft", BAYKO);
        Map<String, AttributeValue> regretted = message(G2, deletedAt, "Regrettable", LONDO);
        admin.putItem(b -> b.tableName(TABLE).item(draft));
        admin.putItem(b -> b.tableName(TABLE).item(regretted));
        String object = failure(streamArn, List.of(record(1, draft, streamArn), record(2, regretted, streamArn))).toJson();
        // A week later, before anyone redrives: the first message was edited, the second deleted.
        admin.putItem(b -> b.tableName(TABLE).item(message(G1, editedAt, "Final wording", BAYKO)));
        admin.deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("MSG#" + G2),
                "sk", AttributeValue.fromS(deletedAt))));
        Map<String, Map<String, AttributeValue>> rowsOfG2 = rowsOf(G2);
        String bucket = newBucket(object);

        CliRun run = redrive(bucket);

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("payload: 2 records · 0 filtered out",
                "re-read: 1 record as the table holds its message now · 1 deleted since, skipped: MSG#" + G2 + " "
                        + deletedAt + " · 1 changed since",
                "applied 1 record of 1 in 1 invocation · 1 conversation updated: " + G1,
                "removed from the bucket", "redrive: 1 failure object, 1 redriven and removed");
        assertThat(rowsOf(G1).values()).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("sk").s()).isEqualTo(editedAt);
            assertThat(row.get("message").s()).isEqualTo("Final wording");
        });
        assertThat(rowsOf(G2)).as("the deleted message moved nothing").isEqualTo(rowsOfG2);
        assertThat(Items.scanAll(admin, TABLE).stream().map(DynamoJson::format))
                .noneMatch(item -> item.contains("First draft") || item.contains("Regrettable"));
        assertThat(objects(bucket)).isZero();
    }

    @Test
    void objectsThatCannotBeUsedAreLeftInTheBucketEachWithItsReason() throws Exception {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();
        String streamArn = admin.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        String otherArn = streamArn.replace("table/cruddur-messages/", "table/other/");
        String otherTable = failure(otherArn, List.of(record(1, message(G1, "2026-11-25T10:00:00.000000+00:00", "x", BAYKO),
                otherArn))).toJson();
        // What an SQS destination gets: the same record without the payload.
        ObjectNode sqsMessage = (ObjectNode) MAPPER.readTree(otherTable);
        sqsMessage.remove(FailureObjects.PAYLOAD);
        String bucket = newBucket(otherTable, sqsMessage.toString(), "{\"KinesisBatchInfo\":{}}", "not json");
        List<String> table = Items.scanAll(admin, TABLE).stream().map(DynamoJson::format).toList();

        CliRun run = redrive(bucket);

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.HANDLER_FAILURES.code());
        assertThat(run.out()).contains("(4 failure objects)",
                "records of table other's stream, not cruddur-messages's: run redrive with --table other",
                ": not a usable failure object (no payload: it names the records (shard, sequence numbers) but does not"
                        + " hold them, as an SQS or SNS destination's record; reconcile --apply repairs them)",
                ": not a usable failure object (a Kinesis failure record (KinesisBatchInfo), not a DynamoDB stream's)",
                ": not a usable failure object (not JSON (",
                "redrive: 4 failure objects, 0 redriven and removed, 4 left in the bucket (4 unusable)");
        assertThat(run.out().lines().filter(line -> line.equals("  left in the bucket"))).hasSize(4);
        assertThat(objects(bucket)).isEqualTo(4);
        assertThat(Items.scanAll(admin, TABLE).stream().map(DynamoJson::format).toList()).isEqualTo(table);

        CliRun later = redrive(bucket, "--since", "2999-01-01");
        CliRun two = redrive(bucket, "--max", "2", "--dry-run");

        assertThat(later.code()).as(later.toString()).isZero();
        assertThat(later.outLines()).last().isEqualTo("redrive: no failure object in bucket " + bucket
                + " stored since 2999-01-01T00:00:00Z: nothing to do");
        assertThat(two.out()).contains("(4 failure objects)", "▶ object 2 ").doesNotContain("▶ object 3 ")
                .contains("redrive: 2 failure objects, 0 would be redriven, 2 left in the bucket (2 unusable)");
    }

    @Test
    void aBucketS3DoesNotHaveIsTheFailureDestinationsErrorNotDynamoDbs() {
        assertThat(cli("seed", "--endpoint", endpoint).code()).isZero();

        CliRun run = redrive("no-such-bucket");

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.FAILURE_DESTINATION_ERROR.code());
        assertThat(run.errLines()).containsExactly("messaging-local redrive: bucket no-such-bucket: S3 rejected a request:"
                + " NoSuchBucket: The specified bucket does not exist");
    }
}
