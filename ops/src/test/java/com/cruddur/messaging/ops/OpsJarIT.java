package com.cruddur.messaging.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The jar an operator gets, {@code ops/target/messaging-ops.jar}, run as they run it: {@code java -jar}
 * in a JVM of its own, against DynamoDB Local and s3proxy started here. It holds what the build left
 * out of it (the SDK's asynchronous clients, most event classes): every command must still run from
 * the jar alone, and nothing of the developer kit may be in it.
 */
class OpsJarIT {

    /** What an operator downloads, at most (the bound). */
    private static final long MAX_BYTES = 25_000_000;
    private static final Path JAR = Path.of(System.getProperty("ops.jar", "target/messaging-ops.jar"));
    private static final String BUCKET = "cruddur-messages-failures";
    /** A shard ID of the form DynamoDB Streams gives them. */
    private static final String SHARD = "shardId-00000001763726400000-8e1f0c3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalDynamoDb dynamoDb;
    private static LocalS3 s3;
    private static DynamoDbClient admin;

    @BeforeAll
    static void startTheLocalServices() throws IOException {
        dynamoDb = LocalDynamoDb.start();
        s3 = LocalS3.start();
        admin = dynamoDb.client();
        TableDefinitions.createTable(admin, MessagesTable.DEFAULT_TABLE_NAME);
        Items.putAll(admin, MessagesTable.DEFAULT_TABLE_NAME,
                DynamoJson.parseItems(Files.readString(Path.of("..", "events", "seed", "conversations.json"))), n -> { });
    }

    @AfterAll
    static void stopThem() {
        admin.close();
        s3.close();
        dynamoDb.close();
    }

    @Test
    void theJarIsSmallAndHoldsNoneOfTheDeveloperKit() throws IOException {
        assertThat(Files.size(JAR)).as("bytes of " + JAR).isLessThanOrEqualTo(MAX_BYTES);
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("com/cruddur/messaging/ops/Main.class",
                    "com/cruddur/messaging/stream/MessageGroupStreamHandler.class");
            assertThat(names).noneMatch(n -> n.startsWith("com/amazonaws/services/dynamodbv2/local/")
                    || n.startsWith("com/almworks/sqlite4java/") || n.contains("sqlite4java-natives")
                    || n.startsWith("org/gaul/s3proxy/") || n.startsWith("org/jclouds/")
                    || n.startsWith("org/elasticmq/") || n.startsWith("com/cruddur/messaging/devkit/"));
        }
    }

    @Test
    void helpListsTheThreeCommands() throws Exception {
        Run run = java("--help");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("  redrive ", "  reconcile ", "  doctor ");
    }

    @Test
    void redriveAppliesAFailureObjectFromTheBucketAndRemovesIt() throws Exception {
        JsonNode record = JSON.readTree(Path.of("..", "events", "new-message.json").toFile()).get("Records").get(0);
        admin.putItem(b -> b.tableName(MessagesTable.DEFAULT_TABLE_NAME)
                .item(DynamoJson.parseItem(record.path("dynamodb").path("NewImage").toString())));
        FailureObject failure = new FailureObject(FailureObjects.RETRIES_EXHAUSTED, 6, null, Instant.now(), SHARD,
                record.at("/dynamodb/SequenceNumber").asText(), record.at("/dynamodb/SequenceNumber").asText(), null, null,
                1, record.get("eventSourceARN").asText(), List.of(record));
        try (S3Client client = LocalEndpoints.s3(s3.endpoint())) {
            client.createBucket(b -> b.bucket(BUCKET));
            client.putObject(b -> b.bucket(BUCKET).key(FailureObjects.key(UUID.randomUUID().toString(), SHARD,
                    Instant.now(), UUID.randomUUID())), RequestBody.fromString(failure.toJson(), StandardCharsets.UTF_8));

            Run run = java("redrive", "--endpoint", dynamoDb.endpoint().toString(), "--s3-endpoint",
                    s3.endpoint().toString(), "--bucket", BUCKET);

            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).contains("1 group updated", "redrive: 1 failure object, 1 redriven and removed");
            assertThat(client.listObjectsV2(b -> b.bucket(BUCKET)).contents()).isEmpty();
        }
    }

    @Test
    void reconcileAndDoctorRunFromTheJar() throws Exception {
        Run reconcile = java("reconcile", "--endpoint", dynamoDb.endpoint().toString());
        Run doctor = java("doctor", "--endpoint", dynamoDb.endpoint().toString(), "--existing-table");

        assertThat(reconcile.code()).as(reconcile.toString()).isZero();
        assertThat(reconcile.out()).contains("reconcile: scanned");
        // Warnings and failures are the checks' business (no CloudFormation here); a crash is not.
        assertThat(doctor.code()).as(doctor.toString()).isIn(0, 6, 7);
        assertThat(doctor.out()).contains("region", "table", "node");
        assertThat(doctor.err()).doesNotContain("unexpected error", "Exception");
    }

    private record Run(int code, String out, String err) {
    }

    /** {@code java -jar messaging-ops.jar ARGS}, with this JVM's java (JDK 25). */
    private static Run java(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ops-out", ".txt");
        Path err = Files.createTempFile("ops-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("messaging-ops " + String.join(" ", args) + " did not end within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
