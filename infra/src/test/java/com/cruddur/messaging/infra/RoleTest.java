package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import static com.cruddur.messaging.infra.Synth.get;
import static com.cruddur.messaging.infra.Synth.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class RoleTest {

    private static Template template;
    private static Map<String, Map<String, Object>> statementsBySid;

    @BeforeAll
    static void synthesize() {
        template = Synth.defaultTemplate();
        statementsBySid = statementsBySid(template);
    }

    /** The statements of the function role's inline policies, by Sid. */
    static Map<String, Map<String, Object>> statementsBySid(Template template) {
        Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
        Object role = Synth.resources(template, "AWS::IAM::Role").get(functionRoleId(template)).get("Properties");
        for (Object policy : list(get(role, "Policies"))) {
            for (Object statement : list(get(policy, "PolicyDocument", "Statement"))) {
                bySid.put(get(statement, "Sid"), castMap(statement));
            }
        }
        return bySid;
    }

    /** Logical id of the stream handler's role. */
    static String functionRoleId(Template template) {
        Map<String, Object> function = Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25");
        List<Object> roleArn = get(function, "Role", "Fn::GetAtt");
        return (String) roleArn.getFirst();
    }

    @Test
    void functionRoleIsExplicitWithInlinePoliciesOnlyAndNothingAddedByCdk() {
        // given
        String roleId = functionRoleId(template);

        // then: no managed policy, no separate AWS::IAM::Policy attached by a grant
        assertThat(functionRole()).doesNotContainKey("ManagedPolicyArns");
        Synth.resources(template, "AWS::IAM::Policy").values().forEach(policy ->
                assertThat(list(get(policy, "Properties", "Roles"))).doesNotContain(Map.of("Ref", roleId)));
        assertThat(statementsBySid).containsOnlyKeys(
                "QueryGroupIndex", "ReadGroupRows", "WriteGroupRows", "ReadMessagesStream", "ListStreams",
                "PutFailureObjects", "ListFailureBucket",
                "WriteOwnLogs", "CreateNetworkInterfacesInFunctionSubnets", "ManageNetworkInterfaces",
                "DescribeNetwork", "UploadTraces");
    }

    @Test
    void activeTracingMayUploadTracesOnlyOnTheOnlyResourceIamAcceptsForIt() {
        // Neither action has a resource type in the Service Authorization Reference (AWS X-Ray).
        assertThat(statementsBySid.get("UploadTraces")).isEqualTo(Map.of(
                "Sid", "UploadTraces",
                "Effect", "Allow",
                "Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
                "Resource", "*"));
    }

    @Test
    void queryIsAllowedOnTheGroupIndexOnly() {
        assertThat(statementsBySid.get("QueryGroupIndex")).isEqualTo(Map.of(
                "Sid", "QueryGroupIndex",
                "Effect", "Allow",
                "Action", "dynamodb:Query",
                "Resource", Map.of("Fn::Join", List.of("", List.of(tableArn(), "/index/message-group-sk-index")))));
    }

    @Test
    void onTheTransactionalPathWritesAreAllowedOnTheTableOnlyForGroupPartitionsAndOnlyInsideTransactions() {
        assertThat(writeStatement(DeploymentContract.WriteModes.TRANSACTIONAL)).isEqualTo(Map.of(
                "Sid", "WriteGroupRows",
                "Effect", "Allow",
                "Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                "Resource", tableArn(),
                "Condition", Map.of(
                        "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("GRP#*")),
                        "Null", Map.of("dynamodb:LeadingKeys", "false"),
                        "ForAnyValue:StringEquals", Map.of("dynamodb:EnclosingOperation", List.of("TransactWriteItems")))));
    }

    @Test
    void onThePutFirstPathPlainWritesAreAllowedOnTheTableOnlyForGroupPartitions() {
        assertThat(writeStatement(DeploymentContract.WriteModes.PUT_FIRST)).isEqualTo(Map.of(
                "Sid", "WriteGroupRows",
                "Effect", "Allow",
                "Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                "Resource", tableArn(),
                "Condition", Map.of(
                        "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("GRP#*")),
                        "Null", Map.of("dynamodb:LeadingKeys", "false"))));
    }

    /** The role's write statement in the stack deployed for a write path. */
    private static Map<String, Object> writeStatement(String writeMode) {
        Template deployed = Synth.writeModeTemplate(writeMode, false);
        Map<String, Object> role = castMap(Synth.resources(deployed, "AWS::IAM::Role").get(functionRoleId(deployed)).get("Properties"));
        for (Object policy : list(role.get("Policies"))) {
            for (Object statement : list(get(policy, "PolicyDocument", "Statement"))) {
                if ("WriteGroupRows".equals(get(statement, "Sid"))) {
                    return castMap(statement);
                }
            }
        }
        throw new AssertionError("no WriteGroupRows statement");
    }

    @Test
    void consistentReadsAreAllowedOnTheTableOnlyForGroupPartitions() {
        assertThat(statementsBySid.get("ReadGroupRows")).isEqualTo(Map.of(
                "Sid", "ReadGroupRows",
                "Effect", "Allow",
                "Action", "dynamodb:GetItem",
                "Resource", tableArn(),
                "Condition", Map.of(
                        "ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("GRP#*")),
                        "Null", Map.of("dynamodb:LeadingKeys", "false"))));
    }

    @Test
    void streamIsReadableOnTheTablesStreamArnOnly() {
        assertThat(statementsBySid.get("ReadMessagesStream")).isEqualTo(Map.of(
                "Sid", "ReadMessagesStream",
                "Effect", "Allow",
                "Action", List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"),
                "Resource", Map.of("Fn::GetAtt", List.of(tableId(), "StreamArn"))));
    }

    @Test
    void listStreamsIsGrantedAloneOnTheOnlyResourceIamAcceptsForIt() {
        // Lambda's DynamoDB event source needs the four stream actions; ListStreams has no resource
        // type in the Service Authorization Reference, so "*" is the only resource it can have.
        assertThat(statementsBySid.get("ListStreams")).isEqualTo(Map.of(
                "Sid", "ListStreams",
                "Effect", "Allow",
                "Action", "dynamodb:ListStreams",
                "Resource", "*"));
    }

    @Test
    void functionMayPutOnlyFailureObjectsInItsOwnBucketOfThisAccountAndWriteOnlyItsOwnLogGroup() {
        String bucket = Synth.resources(template, "AWS::S3::Bucket").keySet().iterator().next();
        String logGroup = get(Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25"),
                "LoggingConfig", "LogGroup", "Ref");
        Map<String, Object> inThisAccount = Map.of("StringEquals", Map.of("s3:ResourceAccount", Map.of("Ref", "AWS::AccountId")));

        // what the Lambda guide asks for an S3 on-failure destination: s3:PutObject and s3:ListBucket
        assertThat(statementsBySid.get("PutFailureObjects")).isEqualTo(Map.of(
                "Sid", "PutFailureObjects",
                "Effect", "Allow",
                "Action", "s3:PutObject",
                "Resource", Map.of("Fn::Join", List.of("", List.of(Map.of("Fn::GetAtt", List.of(bucket, "Arn")), "/aws/lambda/*"))),
                "Condition", inThisAccount));
        assertThat(statementsBySid.get("ListFailureBucket")).isEqualTo(Map.of(
                "Sid", "ListFailureBucket",
                "Effect", "Allow",
                "Action", "s3:ListBucket",
                "Resource", Map.of("Fn::GetAtt", List.of(bucket, "Arn")),
                "Condition", inThisAccount));
        assertThat(statementsBySid.get("WriteOwnLogs")).isEqualTo(Map.of(
                "Sid", "WriteOwnLogs",
                "Effect", "Allow",
                "Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                "Resource", Map.of("Fn::GetAtt", List.of(logGroup, "Arn"))));
    }

    @Test
    void anExistingTablesCustomerManagedKeyMayDecryptOnlyThroughDynamoDbOfItsRegion() {
        // given
        Map<String, Map<String, Object>> withKey = statementsBySid(Synth.existingTableWithKeyTemplate());

        // then: the one KMS permission, on that key only; without the context value there is none
        assertThat(withKey.get("DecryptTableKeyThroughDynamoDb")).isEqualTo(Map.of(
                "Sid", "DecryptTableKeyThroughDynamoDb",
                "Effect", "Allow",
                "Action", "kms:Decrypt",
                "Resource", StackConfigTest.KMS_KEY_ARN,
                "Condition", Map.of("StringEquals", Map.of("kms:ViaService",
                        List.of("dynamodb.us-east-1.amazonaws.com", "streams.dynamodb.us-east-1.amazonaws.com")))));
        assertThat(statementsBySid).doesNotContainKey("DecryptTableKeyThroughDynamoDb");
        assertThat(statementsBySid(Synth.existingTableTemplate())).doesNotContainKey("DecryptTableKeyThroughDynamoDb");
        assertThat(statementsBySid.values()).noneMatch(statement -> list(statement.get("Action")).stream()
                .anyMatch(action -> ((String) action).startsWith("kms:")));
    }

    @Test
    void networkInterfacePermissionsAreScopedToTheFunctionsSubnetsAndSecurityGroup() {
        // given
        Map<String, Object> function = Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25");
        List<Object> subnets = get(function, "VpcConfig", "SubnetIds");
        List<Object> groups = get(function, "VpcConfig", "SecurityGroupIds");

        // when
        List<Object> createResources = list(statementsBySid.get("CreateNetworkInterfacesInFunctionSubnets").get("Resource"));

        // then
        assertThat(createResources).hasSize(1 + subnets.size() + groups.size());
        assertThat(createResources.getFirst()).isEqualTo(ec2Arn("network-interface/*"));
        for (Object subnet : subnets) {
            assertThat(createResources).contains(ec2Arn("subnet/", subnet));
        }
        for (Object group : groups) {
            assertThat(createResources).contains(ec2Arn("security-group/", group));
        }
        assertThat(statementsBySid.get("ManageNetworkInterfaces").get("Resource")).isEqualTo(ec2Arn("network-interface/*"));
        // the two describe calls support no resource-level permission
        assertThat(statementsBySid.get("DescribeNetwork")).isEqualTo(Map.of(
                "Sid", "DescribeNetwork",
                "Effect", "Allow",
                "Action", List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"),
                "Resource", "*"));
    }

    @Test
    void noIamStatementGrantsADynamoDbDataActionOnAWildcardResource() {
        // given: every statement of every role, policy, endpoint policy and bucket policy
        List<Map<String, Object>> statements = allStatements();

        // then: ListStreams alone (in its own statement) is the one named exception
        assertThat(statements).isNotEmpty();
        for (Map<String, Object> statement : statements) {
            List<Object> actions = list(statement.get("Action"));
            if (actions.equals(List.of("dynamodb:ListStreams"))) {
                continue;
            }
            if (actions.stream().anyMatch(action -> ((String) action).startsWith("dynamodb:"))) {
                assertThat(list(statement.get("Resource"))).as("resources of %s", statement)
                        .noneMatch(resource -> String.valueOf(resource).contains("*"));
                assertThat(actions).as("actions of %s", statement).noneMatch(action -> ((String) action).contains("*"));
            }
        }
    }

    @Test
    void onlyCallsWithoutResourceLevelPermissionsUseAWildcardResource() {
        Set<String> describeOnly = Set.of(
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:DescribeManagedPrefixLists",
                "dynamodb:ListStreams", "xray:PutTraceSegments", "xray:PutTelemetryRecords");
        for (Map<String, Object> statement : allStatements()) {
            if ("Allow".equals(statement.get("Effect")) && list(statement.get("Resource")).contains("*")) {
                assertThat(list(statement.get("Action"))).as("%s", statement)
                        .allMatch(action -> describeOnly.contains((String) action));
            }
        }
    }

    private static Object ec2Arn(String resource, Object... ids) {
        List<Object> parts = new ArrayList<>(List.of("arn:", Map.of("Ref", "AWS::Partition"), ":ec2:",
                Map.of("Ref", "AWS::Region"), ":", Map.of("Ref", "AWS::AccountId"), ":" + resource));
        parts.addAll(List.of(ids));
        return Map.of("Fn::Join", List.of("", parts));
    }

    private static Map<String, Object> functionRole() {
        return castMap(Synth.resources(template, "AWS::IAM::Role").get(functionRoleId(template)).get("Properties"));
    }

    private static String tableId() {
        return Synth.resources(template, "AWS::DynamoDB::Table").keySet().iterator().next();
    }

    private static Map<String, Object> tableArn() {
        return Map.of("Fn::GetAtt", List.of(tableId(), "Arn"));
    }

    /** Statements of roles' inline policies, IAM policies, the endpoint policy and the bucket policy. */
    static List<Map<String, Object>> allStatements() {
        List<Map<String, Object>> statements = new ArrayList<>();
        Synth.resources(template, "AWS::IAM::Role").values().forEach(role -> {
            Object policies = get(role, "Properties", "Policies");
            if (policies != null) {
                list(policies).forEach(policy -> addStatements(statements, get(policy, "PolicyDocument")));
            }
        });
        Synth.resources(template, "AWS::IAM::Policy").values()
                .forEach(policy -> addStatements(statements, get(policy, "Properties", "PolicyDocument")));
        Synth.resources(template, "AWS::EC2::VPCEndpoint").values()
                .forEach(endpoint -> addStatements(statements, get(endpoint, "Properties", "PolicyDocument")));
        Synth.resources(template, "AWS::S3::BucketPolicy").values()
                .forEach(policy -> addStatements(statements, get(policy, "Properties", "PolicyDocument")));
        return statements;
    }

    private static void addStatements(List<Map<String, Object>> statements, Object document) {
        if (document != null) {
            list(get(document, "Statement")).forEach(statement -> statements.add(castMap(statement)));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
