package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every DynamoDB request the handler sent in the lambda module's integration tests (recorded by
 * devkit's RequestRecorder) is evaluated by a real IAM policy evaluator, {@code @cloud-copilot/iam-simulate},
 * against the synthesized function role's identity policies and the gateway endpoint's policy, as a
 * request of that role through that endpoint, in both deployment modes (new table, existing table).
 * Lambda's own requests with the role (the stream, the failure bucket, the logs) are evaluated
 * against the role, with the bucket's own policy; on an existing table encrypted with a customer
 * managed key, DynamoDB's KMS requests in the role's name too. A list of requests the function must
 * never be able to make must be denied.
 *
 * <p>All requests go to one node process. The templates' intrinsic functions are resolved in one
 * fixed account, region and partition ({@link ResolvedTemplate}).
 */
class IamPolicyEvaluationIT {

    /** Copied into this module's target/ by the build from the lambda module's artifact (infra/pom.xml). */
    static final Path RECORDED = Path.of(System.getProperty("recorded.requests.file", "target/recorded-dynamodb-requests.jsonl"));

    private static final String NEW_TABLE = "new-table";
    private static final String EXISTING_TABLE = "existing-table";
    private static final String EXISTING_TABLE_WITH_KEY = "existing-table-with-key";
    private static final String OTHER_ACCOUNT = "222222222222";
    /** A failure object's key as Lambda names it: aws/lambda/mapping UUID/shard/date/time-random UUID. */
    private static final String FAILURE_OBJECT = FailureObjects.KEY_PREFIX + ResolvedTemplate.MAPPING_UUID
            + "/shardId-00000001700000000000-abcdef12/2026/11/22/2026-11-22T03.12.49-0f4c2a9e-7d1b-4e6a-9c3f-2b8d5e1a7c40";
    /** Another workload of the account, allowed dynamodb:* on *, using the same endpoint. */
    private static final String OTHER_ROLE = "other-role";
    private static final String OTHER_TABLE = "someone-elses-table";

    private static final List<JsonNode> recorded = new ArrayList<>();
    private static final Map<String, ObjectNode> requests = new LinkedHashMap<>();
    private static final Map<String, String> expectedDenied = new LinkedHashMap<>();
    private static final Map<String, JsonNode> results = new LinkedHashMap<>();

    @BeforeAll
    static void evaluateEveryRequestInOneNodeProcess() {
        readRecordedRequests();
        ObjectNode policySets = JsonNodeFactory.instance.objectNode();
        // Each write path's stack, on a new and on an existing table: the requests sent on that path.
        for (String writeMode : DeploymentContract.WriteModes.ALL) {
            for (String table : List.of(NEW_TABLE, EXISTING_TABLE)) {
                Mode m = new Mode(table + "/" + writeMode, writeMode,
                        new ResolvedTemplate(Synth.writeModeTemplate(writeMode, EXISTING_TABLE.equals(table))));
                policySets.set(m.name(), m.policySet());
                m.addRecordedRequests();
                m.addLambdaServiceRequests();
                if (NEW_TABLE.equals(table)) {
                    m.addRequestsThatMustBeDenied();
                    if (!policySets.has(OTHER_ROLE)) {
                        ObjectNode other = m.policySet();
                        other.set("identityPolicies", array(policy("dynamodb-full-access",
                                statement("Allow", List.of("dynamodb:*"), "*", null))));
                        policySets.set(OTHER_ROLE, other);
                    }
                }
            }
        }
        // An existing table under a customer managed key: the role's KMS permission, on its own side.
        Mode withKey = new Mode(EXISTING_TABLE_WITH_KEY + "/" + DeploymentContract.WriteModes.DEFAULT,
                DeploymentContract.WriteModes.DEFAULT, new ResolvedTemplate(Synth.existingTableWithKeyTemplate()));
        policySets.set(withKey.name(), withKey.policySet());
        withKey.addRecordedRequests();
        withKey.addLambdaServiceRequests();
        withKey.addTableKeyRequests();
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("policySets", policySets);
        input.set("requests", JsonNodeFactory.instance.arrayNode().addAll(requests.values()));
        for (JsonNode result : NodeTools.node("iam-evaluate.cjs", "iam-evaluation", input)) {
            results.put(result.get("id").asText(), result);
        }
    }

    @AfterAll
    static void writeSummary() throws IOException {
        long allowed = results.entrySet().stream()
                .filter(e -> e.getKey().contains("/recorded/") && "Allowed".equals(e.getValue().get("result").asText()))
                .count();
        StringBuilder summary = new StringBuilder("recorded requests (distinct authorizations): " + recorded.size()
                + "; evaluated against the stack of their write path, new and existing table: " + requests.keySet().stream().filter(id -> id.contains("/recorded/")).count()
                + ", allowed: " + allowed + "\n");
        expectedDenied.forEach((id, description) -> summary.append("must be denied: ").append(description).append(" -> ")
                .append(results.get(id).get("result").asText()).append('\n'));
        Files.createDirectories(NodeTools.WORK);
        Files.writeString(NodeTools.WORK.resolve("iam-evaluation-summary.txt"), summary);
    }

    @Test
    void theRecordingHoldsEveryKindOfRequestTheHandlerMakesOnEachWritePath() {
        assertThat(recorded).extracting(r -> text(r.get("writeMode")) + " " + r.get("action").asText() + " "
                        + text(r.get("index")) + " " + text(r.get("enclosingOperation")))
                .contains("transactional dynamodb:Query message-group-sk-index ",
                        "transactional dynamodb:GetItem  ",
                        "transactional dynamodb:PutItem  TransactWriteItems",
                        "transactional dynamodb:DeleteItem  TransactWriteItems",
                        "transactional dynamodb:UpdateItem  TransactWriteItems",
                        "put-first dynamodb:Query message-group-sk-index ",
                        "put-first dynamodb:GetItem  ",
                        "put-first dynamodb:PutItem  ",
                        "put-first dynamodb:DeleteItem  ",
                        "put-first dynamodb:UpdateItem  ");
        assertThat(recorded).allSatisfy(r -> assertThat(DeploymentContract.WriteModes.ALL).contains(text(r.get("writeMode"))));
    }

    @Test
    void everyRecordedRequestIsAllowedByTheRoleAndTheEndpointPolicyOfANewTableStack() {
        DeploymentContract.WriteModes.ALL.forEach(writeMode -> assertAllAllowed(NEW_TABLE + "/" + writeMode + "/recorded/"));
    }

    @Test
    void everyRecordedRequestIsAllowedByTheRoleAndTheEndpointPolicyOfAnExistingTableStack() {
        DeploymentContract.WriteModes.ALL.forEach(writeMode -> assertAllAllowed(EXISTING_TABLE + "/" + writeMode + "/recorded/"));
    }

    @Test
    void lambdasStreamReadsListStreamsFailureDestinationLogsAndTraceUploadsAreAllowedByTheRole() {
        for (String writeMode : DeploymentContract.WriteModes.ALL) {
            assertAllAllowed(NEW_TABLE + "/" + writeMode + "/lambda/");
            assertAllAllowed(EXISTING_TABLE + "/" + writeMode + "/lambda/");
            assertThat(requests.keySet()).contains(NEW_TABLE + "/" + writeMode + "/lambda/dynamodb:ListStreams",
                    NEW_TABLE + "/" + writeMode + "/lambda/xray:PutTraceSegments",
                    NEW_TABLE + "/" + writeMode + "/lambda/s3:PutObject",
                    NEW_TABLE + "/" + writeMode + "/lambda/s3:ListBucket",
                    EXISTING_TABLE + "/" + writeMode + "/lambda/s3:PutObject");
        }
        assertAllAllowed(EXISTING_TABLE_WITH_KEY + "/" + DeploymentContract.WriteModes.DEFAULT + "/lambda/");
    }

    @Test
    void onAnExistingTableUnderACustomerManagedKeyEveryRecordedRequestIsStillAllowed() {
        assertAllAllowed(EXISTING_TABLE_WITH_KEY + "/" + DeploymentContract.WriteModes.DEFAULT + "/recorded/");
    }

    @Test
    void dynamoDbsDecryptOfTheTableKeyInTheRolesNameIsAllowedThroughDynamoDbAndItsStreamsOnly() {
        String prefix = EXISTING_TABLE_WITH_KEY + "/" + DeploymentContract.WriteModes.DEFAULT + "/kms/";
        assertAllAllowed(prefix + "allow/");
        assertThat(requests.keySet()).filteredOn(id -> id.startsWith(prefix + "allow/")).hasSize(2);
    }

    @TestFactory
    Stream<DynamicTest> requestsTheFunctionMustNeverBeAbleToMakeAreDenied() {
        assertThat(expectedDenied).hasSizeGreaterThanOrEqualTo(10);
        return expectedDenied.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getValue(), () ->
                assertThat(results.get(entry.getKey()).get("result").asText()).as(entry.getValue())
                        .isIn("ImplicitlyDenied", "ExplicitlyDenied")));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "" : node.asText();
    }

    private static void assertAllAllowed(String prefix) {
        List<String> notAllowed = new ArrayList<>();
        int evaluated = 0;
        for (Map.Entry<String, ObjectNode> request : requests.entrySet()) {
            if (request.getKey().startsWith(prefix)) {
                evaluated++;
                JsonNode result = results.get(request.getKey());
                if (!"Allowed".equals(result.get("result").asText())) {
                    notAllowed.add(result + " for " + request.getValue());
                }
            }
        }
        assertThat(evaluated).as("requests evaluated for " + prefix).isPositive();
        assertThat(notAllowed).as("requests not allowed").isEmpty();
    }

    private static void readRecordedRequests() {
        if (!Files.isRegularFile(RECORDED)) {
            throw new IllegalStateException(RECORDED.toAbsolutePath().normalize() + " does not exist: the build copies it"
                    + " from the lambda module's recorded-requests artifact, which its integration tests write. Run"
                    + " the tests from the root with the lambda module (./dev test, or ./dev test -pl infra -am).");
        }
        try {
            for (String line : Files.readAllLines(RECORDED)) {
                if (!line.isBlank()) {
                    recorded.add(NodeTools.JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(recorded).as("requests recorded in " + RECORDED + " (none: did the lambda module's integration"
                + " tests run in this build?)").isNotEmpty();
    }

    /** One deployment mode: its template's role and endpoint, and the requests evaluated against them. */
    private record Mode(String name, String writeMode, ResolvedTemplate template) {

        String roleId() {
            return template.logicalIds("AWS::IAM::Role").stream()
                    .filter(id -> id.startsWith("StreamHandlerRole")).findFirst().orElseThrow();
        }

        String roleArn() {
            return template.attribute(roleId(), "Arn");
        }

        /** How Lambda's credentials for the function appear to IAM: a session of the role. */
        String principal() {
            return "arn:aws:sts::" + ResolvedTemplate.ACCOUNT + ":assumed-role/" + roleId() + "/StreamHandler";
        }

        String tableArn(String table) {
            return ResolvedTemplate.tableArn(table);
        }

        String streamArn() {
            JsonNode mapping = template.properties(template.only("AWS::Lambda::EventSourceMapping"));
            return mapping.get("EventSourceArn").asText();
        }

        String bucketArn() {
            return template.attribute(template.only("AWS::S3::Bucket"), "Arn");
        }

        JsonNode bucketPolicy() {
            return template.properties(template.only("AWS::S3::BucketPolicy")).get("PolicyDocument");
        }

        /**
         * DynamoDB's KMS requests in the role's name for a table under a customer managed key, evaluated with
         * the key's default key policy (the account's IAM policies decide; the table owner's key policy may be
         * narrower, which is theirs to keep open for this role): allowed through DynamoDB of the table's Region,
         * denied otherwise.
         */
        void addTableKeyRequests() {
            String key = StackConfigTest.KMS_KEY_ARN;
            String otherKey = "arn:aws:kms:us-east-1:111111111111:key/99999999-12ab-34cd-56ef-1234567890ab";
            Map<String, Object> viaDynamoDb = Map.of("kms:ViaService", "dynamodb.us-east-1.amazonaws.com");
            String prefix = name + "/kms/";
            add(prefix + "allow/Decrypt of the table key through DynamoDB", name, principal(), "kms:Decrypt", key,
                    viaDynamoDb, false, KeyPolicies.defaultKey());
            add(prefix + "allow/Decrypt of the table key through DynamoDB Streams", name, principal(), "kms:Decrypt", key,
                    Map.of("kms:ViaService", "streams.dynamodb.us-east-1.amazonaws.com"), false, KeyPolicies.defaultKey());
            denyKey(prefix, "Decrypt of the table key called directly (no kms:ViaService)", "kms:Decrypt", key, Map.of());
            denyKey(prefix, "Decrypt of the table key through S3", "kms:Decrypt", key,
                    Map.of("kms:ViaService", "s3.us-east-1.amazonaws.com"));
            denyKey(prefix, "Decrypt of the table key through DynamoDB of another Region", "kms:Decrypt", key,
                    Map.of("kms:ViaService", "dynamodb.eu-west-1.amazonaws.com"));
            denyKey(prefix, "Decrypt of the table key through DynamoDB Streams of another Region", "kms:Decrypt", key,
                    Map.of("kms:ViaService", "streams.dynamodb.eu-west-1.amazonaws.com"));
            denyKey(prefix, "Decrypt of another key through DynamoDB", "kms:Decrypt", otherKey, viaDynamoDb);
            denyKey(prefix, "Encrypt with the table key through DynamoDB", "kms:Encrypt", key, viaDynamoDb);
            denyKey(prefix, "GenerateDataKey with the table key through DynamoDB", "kms:GenerateDataKey", key, viaDynamoDb);
            denyKey(prefix, "CreateGrant on the table key through DynamoDB", "kms:CreateGrant", key, viaDynamoDb);
        }

        private void denyKey(String prefix, String description, String action, String key, Map<String, Object> context) {
            String id = prefix + "deny/" + description;
            add(id, name, principal(), action, key, context, false, KeyPolicies.defaultKey());
            expectedDenied.put(id, description + " (existing table under a customer managed key)");
        }

        ObjectNode policySet() {
            ArrayNode identity = JsonNodeFactory.instance.arrayNode();
            for (JsonNode policy : template.properties(roleId()).get("Policies")) {
                identity.add(policy(policy.get("PolicyName").asText(), policy.get("PolicyDocument")));
            }
            JsonNode endpoint = template.properties(template.only("AWS::EC2::VPCEndpoint")).get("PolicyDocument");
            ObjectNode set = JsonNodeFactory.instance.objectNode();
            set.set("identityPolicies", identity);
            set.set("endpointPolicies", array(policy("dynamodb-gateway-endpoint", endpoint)));
            return set;
        }

        void addRecordedRequests() {
            for (JsonNode r : recorded) {
                if (!writeMode.equals(text(r.get("writeMode")))) {
                    continue; // sent on the other write path: evaluated against that path's stack
                }
                String resource = tableArn(r.get("table").asText())
                        + (r.get("index").isNull() ? "" : "/index/" + r.get("index").asText());
                Map<String, Object> context = new LinkedHashMap<>();
                List<String> keys = new ArrayList<>();
                r.get("partitionKeys").forEach(k -> keys.add(k.asText()));
                if (!keys.isEmpty()) {
                    context.put("dynamodb:LeadingKeys", keys);
                }
                if (!r.get("enclosingOperation").isNull()) {
                    context.put("dynamodb:EnclosingOperation", r.get("enclosingOperation").asText());
                }
                add(name + "/recorded/" + r, name, principal(), r.get("action").asText(), resource, context, true);
            }
        }

        /** Requests Lambda makes with the function's role, outside the VPC: not through the endpoint. */
        void addLambdaServiceRequests() {
            for (String action : List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator")) {
                add(name + "/lambda/" + action, name, principal(), action, streamArn(), Map.of(), false);
            }
            add(name + "/lambda/dynamodb:ListStreams", name, principal(), "dynamodb:ListStreams", "*", Map.of(), false);
            // The failure bucket, as Lambda delivers a batch it gave up on: over TLS, to a bucket of this account,
            // evaluated with the bucket's own policy. Under SSE-KMS S3 asks KMS for the object's data key in the
            // role's name: the AWS managed key's policy allows it through S3, with no kms: permission on the role.
            add(name + "/lambda/s3:PutObject", name, principal(), "s3:PutObject", bucketArn() + "/" + FAILURE_OBJECT,
                    inBucketAccount(ResolvedTemplate.ACCOUNT, true), false, bucketPolicy());
            add(name + "/lambda/s3:ListBucket", name, principal(), "s3:ListBucket", bucketArn(),
                    inBucketAccount(ResolvedTemplate.ACCOUNT, true), false, bucketPolicy());
            Map<String, Object> throughS3 = new LinkedHashMap<>();
            throughS3.put("kms:ViaService", "s3." + ResolvedTemplate.REGION + ".amazonaws.com");
            throughS3.put("kms:CallerAccount", ResolvedTemplate.ACCOUNT);
            add(name + "/lambda/kms:GenerateDataKey through S3 (aws/s3)", name, principal(), "kms:GenerateDataKey",
                    KeyPolicies.AWS_S3_KEY, throughS3, false, KeyPolicies.awsManagedS3Key());
            String logGroup = template.properties(template.logicalIds("AWS::Lambda::Function").stream()
                            .filter(id -> id.startsWith("StreamHandlerFunction")).findFirst().orElseThrow())
                    .get("LoggingConfig").get("LogGroup").asText();
            String logStream = ResolvedTemplate.arn("logs", "log-group:" + logGroup + ":log-stream:2026/01/01/[1]abc");
            add(name + "/lambda/logs:CreateLogStream", name, principal(), "logs:CreateLogStream", logStream, Map.of(), false);
            add(name + "/lambda/logs:PutLogEvents", name, principal(), "logs:PutLogEvents", logStream, Map.of(), false);
            // Active tracing (on by default): Lambda uploads the segments it records with the function's role.
            for (String action : List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords")) {
                add(name + "/lambda/" + action, name, principal(), action, "*", Map.of(), false);
            }
        }

        void addRequestsThatMustBeDenied() {
            String table = tableArn(MessagesTable.DEFAULT_TABLE_NAME);
            String index = table + "/index/" + MessagesTable.GROUP_INDEX_NAME;
            String message = MessagesTable.messagePk("5ae290ed-55d1-47a0-bc6d-fe2bc2700399");
            String group = MessagesTable.groupPk("90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11");
            Map<String, Object> inTransaction = Map.of("dynamodb:EnclosingOperation", "TransactWriteItems");
            deny("PutItem of a MSG# key (in a transaction)", "dynamodb:PutItem", table, keys(message, inTransaction));
            deny("DeleteItem of a MSG# key (in a transaction)", "dynamodb:DeleteItem", table, keys(message, inTransaction));
            deny("UpdateItem of a MSG# key (in a transaction)", "dynamodb:UpdateItem", table, keys(message, inTransaction));
            deny("GetItem of a MSG# key", "dynamodb:GetItem", table, keys(message, Map.of()));
            deny("PutItem of GRP# and MSG# keys at once", "dynamodb:PutItem", table,
                    Map.of("dynamodb:LeadingKeys", List.of(group, message), "dynamodb:EnclosingOperation", "TransactWriteItems"));
            deny("Scan of the table", "dynamodb:Scan", table, Map.of());
            deny("Scan of the group index", "dynamodb:Scan", index, Map.of());
            deny("Query of the table's base index (message items)", "dynamodb:Query", table, keys(message, Map.of()));
            deny("PutItem of a GRP# key in another table", "dynamodb:PutItem", tableArn(OTHER_TABLE), keys(group, inTransaction));
            deny("DeleteItem of a GRP# key in another table", "dynamodb:DeleteItem", tableArn(OTHER_TABLE), keys(group, inTransaction));
            deny("Query of another table's index", "dynamodb:Query", tableArn(OTHER_TABLE) + "/index/" + MessagesTable.GROUP_INDEX_NAME, Map.of());
            deny("PutItem with no key (dynamodb:LeadingKeys absent)", "dynamodb:PutItem", table, inTransaction);
            if (DeploymentContract.WriteModes.TRANSACTIONAL.equals(writeMode)) {
                // The transactional path's writes are held to transactions; put-first's are plain.
                deny("PutItem of a GRP# key outside a transaction", "dynamodb:PutItem", table, keys(group, Map.of()));
                deny("DeleteItem of a GRP# key outside a transaction", "dynamodb:DeleteItem", table, keys(group, Map.of()));
            } else {
                deny("PutItem of a MSG# key outside a transaction", "dynamodb:PutItem", table, keys(message, Map.of()));
                deny("DeleteItem of a MSG# key outside a transaction", "dynamodb:DeleteItem", table, keys(message, Map.of()));
            }
            deny("BatchWriteItem on the table", "dynamodb:BatchWriteItem", table, Map.of());
            // The failure bucket: Lambda puts and lists; reading and deleting message text is an operator's job.
            String object = bucketArn() + "/" + FAILURE_OBJECT;
            Map<String, Object> ours = inBucketAccount(ResolvedTemplate.ACCOUNT, true);
            denyWithPolicy("GetObject of a failure object", "s3:GetObject", object, ours);
            denyWithPolicy("DeleteObject of a failure object", "s3:DeleteObject", object, ours);
            denyWithPolicy("GetObjectVersion of a failure object", "s3:GetObjectVersion", object, ours);
            denyWithPolicy("PutObject outside aws/lambda/ in the failure bucket", "s3:PutObject",
                    bucketArn() + "/payload.json", ours);
            denyWithPolicy("PutObject of a failure object without TLS", "s3:PutObject", object,
                    inBucketAccount(ResolvedTemplate.ACCOUNT, false));
            deny("PutObject to another bucket", "s3:PutObject", "arn:aws:s3:::someone-elses-bucket/" + FAILURE_OBJECT, ours);
            // bucket names are global: the failure bucket's name, deleted and taken by another account
            deny("PutObject to a bucket of the same name in another account", "s3:PutObject", object,
                    inBucketAccount(OTHER_ACCOUNT, true));
            deny("ListBucket of a bucket of the same name in another account", "s3:ListBucket", bucketArn(),
                    inBucketAccount(OTHER_ACCOUNT, true));
            // the AWS managed key aws/s3 serves the role only through S3
            String viaNothing = name + "/deny/GenerateDataKey with aws/s3 called directly";
            add(viaNothing, name, principal(), "kms:GenerateDataKey", KeyPolicies.AWS_S3_KEY,
                    Map.of("kms:CallerAccount", ResolvedTemplate.ACCOUNT), false, KeyPolicies.awsManagedS3Key());
            expectedDenied.put(viaNothing, "GenerateDataKey with aws/s3 called directly, not through S3 (" + writeMode + " stack)");
            deny("Decrypt with the table's key, which a new table does not need", "kms:Decrypt", StackConfigTest.KMS_KEY_ARN,
                    Map.of("kms:ViaService", "dynamodb." + ResolvedTemplate.REGION + ".amazonaws.com"));
            deny("DeleteTable of the table", "dynamodb:DeleteTable", table, Map.of());
            String otherStream = tableArn(OTHER_TABLE) + "/stream/" + ResolvedTemplate.STREAM_LABEL;
            for (String action : List.of("dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:DescribeStream")) {
                String id = name + "/deny/" + action + " on another table's stream";
                add(id, name, principal(), action, otherStream, Map.of(), false);
                expectedDenied.put(id, action.substring("dynamodb:".length()) + " on another table's stream (" + writeMode + " stack)");
            }
            // The endpoint admits the function's role only, whatever another role's own policy allows.
            String otherRole = "arn:aws:iam::" + ResolvedTemplate.ACCOUNT + ":role/another-workload";
            Map<String, Object> asOtherRole = new LinkedHashMap<>();
            asOtherRole.put("aws:PrincipalArn", otherRole);
            asOtherRole.put("aws:PrincipalAccount", ResolvedTemplate.ACCOUNT);
            asOtherRole.put("dynamodb:LeadingKeys", List.of(group));
            String id = name + "/deny/another role through the endpoint";
            ObjectNode request = request(OTHER_ROLE, "arn:aws:sts::" + ResolvedTemplate.ACCOUNT
                    + ":assumed-role/another-workload/session", "dynamodb:GetItem", table, Map.of(), true);
            request.set("context", NodeTools.JSON.valueToTree(asOtherRole));
            request.put("id", id);
            requests.put(id, request);
            expectedDenied.put(id, "GetItem of a GRP# row by another role of the account (dynamodb:* on *) through the endpoint ("
                    + writeMode + " stack)");
        }

        private void deny(String description, String action, String resource, Map<String, Object> context) {
            String id = name + "/deny/" + description;
            add(id, name, principal(), action, resource, context, !action.startsWith("s3:") && !action.startsWith("kms:"));
            expectedDenied.put(id, description + " (" + writeMode + " stack)");
        }

        /** {@link #deny}, for a request on the failure bucket, evaluated with the bucket's policy too. */
        private void denyWithPolicy(String description, String action, String resource, Map<String, Object> context) {
            String id = name + "/deny/" + description;
            add(id, name, principal(), action, resource, context, false, bucketPolicy());
            expectedDenied.put(id, description + " (" + writeMode + " stack)");
        }

        private static Map<String, Object> keys(String partitionKey, Map<String, Object> more) {
            Map<String, Object> context = new LinkedHashMap<>(more);
            context.put("dynamodb:LeadingKeys", List.of(partitionKey));
            return context;
        }

        private void add(String id, String policySet, String principal, String action, String resource,
                         Map<String, Object> context, boolean throughEndpoint) {
            add(id, policySet, principal, action, resource, context, throughEndpoint, null);
        }

        private void add(String id, String policySet, String principal, String action, String resource,
                         Map<String, Object> context, boolean throughEndpoint, JsonNode resourcePolicy) {
            ObjectNode request = request(policySet, principal, action, resource, context, throughEndpoint);
            request.put("id", id);
            if (resourcePolicy != null) {
                request.set("resourcePolicy", resourcePolicy);
            }
            requests.put(id, request);
        }

        /** A request of the function's role session: aws:PrincipalArn is the role's ARN. */
        private ObjectNode request(String policySet, String principal, String action, String resource,
                                   Map<String, Object> context, boolean throughEndpoint) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("aws:PrincipalArn", roleArn());
            all.put("aws:PrincipalAccount", ResolvedTemplate.ACCOUNT);
            all.putAll(context);
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.put("policySet", policySet);
            request.put("principal", principal);
            request.put("action", action);
            request.put("resource", resource);
            request.put("accountId", ResolvedTemplate.ACCOUNT);
            request.set("context", NodeTools.JSON.valueToTree(all));
            request.put("throughEndpoint", throughEndpoint);
            return request;
        }
    }

    /** The account whose bucket a request reaches (s3:ResourceAccount), and whether it came over TLS. */
    private static Map<String, Object> inBucketAccount(String account, boolean tls) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("s3:ResourceAccount", account);
        context.put("aws:SecureTransport", String.valueOf(tls));
        return context;
    }

    private static ObjectNode policy(String name, JsonNode document) {
        ObjectNode policy = JsonNodeFactory.instance.objectNode();
        policy.put("name", name);
        policy.set("policy", document);
        return policy;
    }

    private static JsonNode statement(String effect, List<String> actions, String resource, JsonNode condition) {
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("Effect", effect);
        statement.set("Action", NodeTools.JSON.valueToTree(actions));
        statement.put("Resource", resource);
        if (condition != null) {
            statement.set("Condition", condition);
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.put("Version", "2012-10-17");
        document.set("Statement", JsonNodeFactory.instance.arrayNode().add(statement));
        return document;
    }

    private static ArrayNode array(JsonNode... nodes) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonNode node : nodes) {
            array.add(node);
        }
        return array;
    }
}
