package com.cruddur.messaging.local.ops.doctor;

import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.LocalEndpoints;
import com.cruddur.messaging.schema.FailureObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code doctor} end to end, through the command line: the table checks against DynamoDB Local,
 * CloudFormation, Lambda and KMS against {@link AwsWireStub} (their endpoints given as the SDK's
 * standard system properties, as a developer would give {@code AWS_ENDPOINT_URL_<SERVICE>}), the
 * node check against small scripts. Every check passing, then each failing with its line, and the
 * exit statuses; and that only reads were sent.
 */
class DoctorIT extends LocalDynamoDbTestBase {

    private static final List<String> ENDPOINT_PROPERTIES =
            List.of("aws.endpointUrlCloudFormation", "aws.endpointUrlLambda", "aws.endpointUrlKms");
    private static final String OWN_FUNCTION =
            "arn:aws:lambda:eu-west-1:111111111111:function:CruddurMessaging-StreamHandlerFunction1A2B3C4D-Xy12Ab34Cd56:live";
    private static final String CMK = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final List<String> READS =
            List.of("DescribeTable", "DescribeStacks", "ListEventSourceMappings", "DescribeKey", "ListObjectsV2");

    private static AwsWireStub stub;
    /** The system properties this class sets, as they were before it. */
    private static final Map<String, String> BEFORE = new HashMap<>();

    @TempDir
    Path dir;

    private String node22;

    @BeforeAll
    static void startTheStub() {
        stub = AwsWireStub.start();
        for (String property : ENDPOINT_PROPERTIES) {
            BEFORE.put(property, System.getProperty(property));
            System.setProperty(property, stub.endpoint().toString());
        }
        BEFORE.put("aws.region", System.getProperty("aws.region"));
        System.setProperty("aws.region", "eu-west-1");
    }

    @AfterAll
    static void stopTheStub() {
        BEFORE.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
        stub.close();
    }

    @BeforeEach
    void aBootstrappedAccountAndNode22() throws IOException {
        stub.reset();
        stub.stack("CDKToolkit", "UPDATE_COMPLETE", Map.of("BootstrapVersion", "30", "BucketName", "cdk-hnb659fds-assets"),
                "111111111111");
        node22 = node("v22.11.0");
    }

    /** A node that prints {@code version}. */
    private String node(String version) throws IOException {
        Path script = Files.writeString(dir.resolve("node-" + version), "#!/bin/sh\necho " + version + "\n");
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script.toString();
    }

    private static String streamOf(String table) {
        return admin.describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    /** The doctor's line of one check. */
    private static String line(CliRun run, String check) {
        return run.outLines().stream().filter(l -> l.substring(6).startsWith(check + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + check + " line in\n" + run));
    }

    /** Runs doctor and returns its run; every request sent meanwhile must be one of the reads. */
    private CliRun doctor(String... args) {
        List<String> argv = new ArrayList<>(List.of("doctor"));
        argv.addAll(List.of(args));
        CliRun[] run = new CliRun[1];
        List<String> sent = SentOperations.during(() -> run[0] = cli(argv.toArray(String[]::new)));
        assertThat(sent).as("requests sent").isNotEmpty()
                .allSatisfy(request -> assertThat(READS).contains(request.substring(request.indexOf(' ') + 1)));
        return run[0];
    }

    @Test
    void aHealthyLocalSetupIsAllOkAndOnlyReads() {
        String table = newTable();
        TableDefinitions.createTable(admin, table);
        stub.mappings(streamOf(table), List.of(Map.of("UUID", "a1b2c3d4-0000-4000-8000-000000000001",
                "FunctionArn", OWN_FUNCTION, "State", "Enabled")));

        CliRun run = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22);

        assertThat(run.code()).as(run.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(run.outLines().getFirst()).isEqualTo("DynamoDB Local at " + endpoint + " · CloudFormation at " + stub.endpoint()
                + " · Lambda at " + stub.endpoint() + " · KMS at " + stub.endpoint() + " · table " + table + " · existing-table mode");
        assertThat(run.outLines().subList(1, 8)).extracting(l -> l.substring(0, 22).strip()).containsExactly(
                "ok    region", "ok    cdk-bootstrap", "ok    table", "ok    stream-consumers", "ok    table-key",
                "skip  failure-objects", "ok    node");
        assertThat(line(run, "table")).endsWith(table + ": keys pk/sk, index message-group-sk-index, stream NEW_IMAGE "
                + streamOf(table));
        assertThat(line(run, "cdk-bootstrap")).contains("CDKToolkit (UPDATE_COMPLETE) version 30, the stack requires");
        assertThat(run.outLines().getLast()).isEqualTo("doctor: 6 ok, 1 skipped, 0 warnings, 0 failures");
        // The stub was asked exactly this: the bootstrap stack, and the mappings of the table's stream.
        assertThat(stub.requests()).containsExactly(
                new AwsWireStub.Request("CloudFormation", "DescribeStacks", "CDKToolkit"),
                new AwsWireStub.Request("Lambda", "ListEventSourceMappings", streamOf(table)));
    }

    @Test
    void aMissingTableFailsInExistingTableMode() {
        CliRun run = doctor("--endpoint", endpoint, "--table", "nowhere", "--existing-table", "--node", node22);

        assertThat(run.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(run, "table")).isEqualTo("fail  table            nowhere not found · fix: check --table and the Region"
                + " (AWS_REGION); without --existing-table the stack creates the table");
        assertThat(line(run, "stream-consumers")).startsWith("skip");
        assertThat(run.outLines().getLast()).isEqualTo("doctor: 3 ok, 3 skipped, 0 warnings, 1 failure");
    }

    @Test
    void aTableWithoutTheIndexFails() {
        String table = newTable();
        createTableWithoutIndex(table);

        CliRun run = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22);

        assertThat(run.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(run, "table")).startsWith("fail  table            " + table + ": no index message-group-sk-index"
                + " · fix: aws dynamodb update-table --table-name " + table + " --attribute-definitions");
    }

    @Test
    void aTableWithoutAStreamOrWithAKeysOnlyStreamFails() {
        String none = newTable();
        admin.createTable(TableDefinitions.createTableRequest(none).toBuilder().streamSpecification((StreamSpecification) null).build());
        String keysOnly = newTable();
        CreateTableRequest request = TableDefinitions.createTableRequest(keysOnly);
        admin.createTable(request.toBuilder().streamSpecification(b -> b.streamEnabled(true)
                .streamViewType(StreamViewType.KEYS_ONLY)).build());

        CliRun noStream = doctor("--endpoint", endpoint, "--table", none, "--existing-table", "--node", node22);
        CliRun keys = doctor("--endpoint", endpoint, "--table", keysOnly, "--existing-table", "--node", node22);

        assertThat(line(noStream, "table")).isEqualTo("fail  table            " + none + ": no stream · fix: aws dynamodb"
                + " update-table --table-name " + none + " --stream-specification StreamEnabled=true,StreamViewType=NEW_IMAGE");
        assertThat(line(noStream, "stream-consumers")).startsWith("skip");
        assertThat(line(keys, "table")).startsWith("fail  table            " + keysOnly + ": stream KEYS_ONLY: its records have"
                + " no new image");
        assertThat(keys.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
    }

    @Test
    void anotherReaderOfTheStreamFailsNamedWithTheCommandThatDisablesIt() {
        String table = newTable();
        TableDefinitions.createTable(admin, table);
        stub.mappings(streamOf(table), List.of(
                Map.of("UUID", "a1b2c3d4-0000-4000-8000-000000000001", "FunctionArn", OWN_FUNCTION, "State", "Enabled"),
                Map.of("UUID", "e5f6a7b8-0000-4000-8000-000000000002",
                        "FunctionArn", "arn:aws:lambda:eu-west-1:111111111111:function:cruddur-messaging-stream", "State", "Enabled")));

        CliRun run = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22);

        assertThat(run.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(run, "stream-consumers")).startsWith("fail  stream-consumers another reader of the stream:"
                + " e5f6a7b8-0000-4000-8000-000000000002 (function cruddur-messaging-stream, Enabled) (this stack's mappings: 1)")
                .contains("· fix: aws lambda update-event-source-mapping --uuid e5f6a7b8-0000-4000-8000-000000000002 --no-enabled");
    }

    @Test
    void aMissingOrOldBootstrapStackFailsWithTheBootstrapCommand() {
        String table = newTable();
        TableDefinitions.createTable(admin, table);
        stub.reset();

        CliRun missing = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22);
        stub.stack("CDKToolkit", "CREATE_COMPLETE", Map.of("BootstrapVersion", "5"), "222222222222");
        CliRun old = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22);

        // DynamoDB Local's table ARNs are of the account 000000000000.
        assertThat(line(missing, "cdk-bootstrap")).isEqualTo("fail  cdk-bootstrap    no CDKToolkit stack in eu-west-1: the account"
                + " is not bootstrapped there · fix: ./dev cdk bootstrap aws://000000000000/eu-west-1");
        assertThat(missing.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(old, "cdk-bootstrap")).startsWith("fail  cdk-bootstrap    CDKToolkit (CREATE_COMPLETE) version 5, the stack"
                + " requires ").contains("· fix: ./dev cdk bootstrap aws://222222222222/eu-west-1 (upgrades it in place)");
    }

    @Test
    void aCustomerManagedKeyNeedsTheContextValue() {
        // DynamoDB Local cannot create a table with a customer managed key: the stub serves DescribeTable too.
        stub.table("cruddur-messages", CMK);
        stub.key(CMK, "CUSTOMER", "Enabled");
        String stubDynamoDb = stub.endpoint().toString();

        CliRun without = doctor("--endpoint", stubDynamoDb, "--existing-table", "--node", node22);
        CliRun with = doctor("--endpoint", stubDynamoDb, "--existing-table", "--kms-key-arn", CMK, "--node", node22);

        assertThat(without.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(without, "table-key")).startsWith("fail  table-key        a customer managed key " + CMK
                + " and no --kms-key-arn").contains("· fix: pass it: ./dev doctor --kms-key-arn " + CMK,
                "-c existingTableKmsKeyArn=" + CMK);
        assertThat(with.code()).as(with.toString()).isEqualTo(ExitCode.OK.code());
        assertThat(line(with, "table-key")).startsWith("ok    table-key        a customer managed key " + CMK
                + ", given as existingTableKmsKeyArn");
        assertThat(stub.requests()).contains(new AwsWireStub.Request("DynamoDB", "DescribeTable", "cruddur-messages"),
                new AwsWireStub.Request("KMS", "DescribeKey", CMK));
    }

    @Test
    void aRefusedDescribeKeyWarnsWithoutNamingTheCaller() {
        stub.table("cruddur-messages", CMK);
        stub.denyKey(CMK, "arn:aws:iam::111111111111:user/alice");

        CliRun run = doctor("--endpoint", stub.endpoint().toString(), "--existing-table", "--node", node22);

        assertThat(run.code()).isEqualTo(ExitCode.PREFLIGHT_WARNINGS.code());
        assertThat(line(run, "table-key")).isEqualTo("warn  table-key        the table's key " + CMK + " could not be described"
                + " (AccessDeniedException) · fix: allow kms:DescribeKey on it to whoever runs doctor; if it is customer"
                + " managed, pass it: ./dev doctor --kms-key-arn " + CMK + ", and ./dev cdk deploy ... -c existingTableKmsKeyArn=" + CMK);
        assertThat(run.out()).doesNotContain("alice");
    }

    @Test
    void inNewTableModeAnExistingTableMustBeTheStacksOwn() {
        String table = newTable();
        TableDefinitions.createTable(admin, table);

        CliRun foreign = doctor("--endpoint", endpoint, "--table", table, "--node", node22);
        stub.stack("CruddurMessaging", "UPDATE_COMPLETE", Map.of(), "111111111111");
        CliRun own = doctor("--endpoint", endpoint, "--table", table, "--node", node22);
        CliRun free = doctor("--endpoint", endpoint, "--table", newTable(), "--node", node22);

        assertThat(line(foreign, "table")).startsWith("fail  table            " + table + " already exists and the stack"
                + " CruddurMessaging does not");
        assertThat(foreign.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(own, "table")).startsWith("ok    table            " + table + " (the stack CruddurMessaging's own)");
        assertThat(line(free, "table")).endsWith("does not exist yet: the stack will create it");
        assertThat(free.code()).isEqualTo(ExitCode.OK.code());
    }

    @Test
    void nodeTwentyWarnsAndNoNodeFails() throws IOException {
        String table = newTable();
        TableDefinitions.createTable(admin, table);

        CliRun twenty = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node("v20.20.2"));
        CliRun none = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", dir.resolve("no-node").toString());

        assertThat(twenty.code()).isEqualTo(ExitCode.PREFLIGHT_WARNINGS.code());
        assertThat(line(twenty, "node")).startsWith("warn  node             Node.js v20.20.2: works");
        assertThat(none.code()).isEqualTo(ExitCode.PREFLIGHT_FAILED.code());
        assertThat(line(none, "node")).startsWith("fail  node             no node on the PATH");
    }

    @Test
    void withoutTheOtherServicesEndpointsALocalRunSkipsTheirChecks() {
        String table = newTable();
        TableDefinitions.createTable(admin, table);
        ENDPOINT_PROPERTIES.forEach(System::clearProperty);
        try {
            CliRun run = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22);

            assertThat(run.code()).isEqualTo(ExitCode.OK.code());
            assertThat(line(run, "cdk-bootstrap")).isEqualTo("skip  cdk-bootstrap    no CloudFormation endpoint for a local run:"
                    + " set AWS_ENDPOINT_URL_CLOUDFORMATION or -Daws.endpointUrlCloudFormation");
            assertThat(line(run, "stream-consumers")).startsWith("skip  stream-consumers no Lambda endpoint");
            assertThat(stub.requests()).isEmpty();
        } finally {
            ENDPOINT_PROPERTIES.forEach(p -> System.setProperty(p, stub.endpoint().toString()));
        }
    }

    @Test
    void failureObjectsNobodyRedroveWarnWithTheirCountAndTheOldestsAge() {
        String table = newTable();
        TableDefinitions.createTable(admin, table);
        try (LocalS3 s3proxy = LocalS3.start(); S3Client s3 = LocalEndpoints.s3(s3proxy.endpoint())) {
            s3.createBucket(b -> b.bucket("failures"));
            String[] bucket = {"--s3-endpoint", s3proxy.endpoint().toString(), "--bucket", "failures"};
            CliRun empty = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22,
                    bucket[0], bucket[1], bucket[2], bucket[3]);
            s3.putObject(b -> b.bucket("failures").key(FailureObjects.KEY_PREFIX + "uuid/shardId-1/2026/12/03/2026-12-03T10.00.00-x"),
                    RequestBody.fromString("{}"));

            CliRun waiting = doctor("--endpoint", endpoint, "--table", table, "--existing-table", "--node", node22,
                    bucket[0], bucket[1], bucket[2], bucket[3]);

            assertThat(line(empty, "failure-objects")).isEqualTo("ok    failure-objects  no failure object waiting");
            assertThat(waiting.code()).isEqualTo(ExitCode.PREFLIGHT_WARNINGS.code());
            assertThat(line(waiting, "failure-objects")).startsWith("warn  failure-objects  1 failure object waiting, the oldest ")
                    .contains("./dev redrive --aws");
        }
    }
}
