package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FunctionTest {

    private static Template template;
    private static Map<String, Object> function;

    @BeforeAll
    static void synthesize() {
        template = Synth.defaultTemplate();
        function = Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25");
    }

    @Test
    void runsTheLambdaModulesHandlerOnJava25Arm64WithChosenMemoryAndTimeout() {
        assertThat(function).containsEntry("Handler", "com.cruddur.messaging.stream.MessageGroupStreamHandler::handleRequest")
                .containsEntry("Architectures", List.of("arm64"))
                .containsEntry("MemorySize", 1024)
                .containsEntry("Timeout", 30);
        // the code is the lambda module's shaded jar, uploaded as a file asset
        assertThat((String) get(function, "Code", "S3Key")).endsWith(".jar");
    }

    @Test
    void getsTheTableAndIndexNamesFromTheTableAndTheWritePathFromContext() {
        String table = Synth.resources(template, "AWS::DynamoDB::Table").keySet().iterator().next();

        assertThat((Map<?, ?>) get(function, "Environment", "Variables")).isEqualTo(Map.of(
                "TABLE_NAME", Map.of("Ref", table),
                "INDEX_NAME", "message-group-sk-index",
                "METRICS_NAMESPACE", "Cruddur/Messaging",
                "WRITE_MODE", DeploymentContract.WriteModes.DEFAULT,
                "JAVA_TOOL_OPTIONS", DeploymentContract.Connections.JAVA_TOOL_OPTIONS));
        for (String writeMode : DeploymentContract.WriteModes.ALL) {
            Map<String, Object> deployed = Synth.onlyProperties(Synth.writeModeTemplate(writeMode, false),
                    "AWS::Lambda::Function", "Runtime", "java25");
            Map<String, Object> variables = get(deployed, "Environment", "Variables");
            assertThat(variables).containsEntry("WRITE_MODE", writeMode);
        }
    }

    @Test
    void startsTheJvmWithAnIdleConnectionPoolAsWideAsABurstBatchsWidestWaveKeptAMinute() {
        String options = get(function, "Environment", "Variables", "JAVA_TOOL_OPTIONS");

        // The JDK reads these two system properties once (sun.net.www.http.KeepAliveCache): parsed
        // back from the template as the JVM parses its options, one -Dname=value per word.
        Map<String, String> properties = new LinkedHashMap<>();
        for (String option : options.trim().split("\\s+")) {
            assertThat(option).as("only system properties, no JVM flag of the runtime's").startsWith("-D");
            String[] nameValue = option.substring(2).split("=", 2);
            properties.put(nameValue[0], nameValue[1]);
        }
        assertThat(properties).containsOnlyKeys("http.maxConnections", "http.keepAlive.time.server");
        // Wide enough for every put of a full batch of two-person conversations, all updated at once.
        assertThat(Integer.parseInt(properties.get("http.maxConnections")))
                .isGreaterThanOrEqualTo(2 * DeploymentContract.BATCH_SIZE)
                .isGreaterThan(5);
        assertThat(DeploymentContract.Defaults.MAX_CONCURRENCY).isEqualTo(DeploymentContract.BATCH_SIZE);
        // Longer than the JDK's 5 s, at most the SDK's own idle time for its pools (60 s).
        assertThat(Integer.parseInt(properties.get("http.keepAlive.time.server"))).isBetween(6, 60);
    }

    @Test
    void theStackOutputsTheFunctionAndItsLogGroupForTheRunbook() {
        String logGroup = get(function, "LoggingConfig", "LogGroup", "Ref");

        assertThat(Synth.<Object>get(template.toJSON(), "Outputs", "StreamHandlerFunctionName", "Value"))
                .isEqualTo(Map.of("Ref", Synth.functionId(template)));
        assertThat(Synth.<Object>get(template.toJSON(), "Outputs", "StreamHandlerLogGroup", "Value"))
                .isEqualTo(Map.of("Ref", logGroup));
    }

    @Test
    void isTracedActivelyByDefaultWithPermissionToUploadTraces() {
        assertThat(function).containsEntry("TracingConfig", Map.of("Mode", "Active"));
        assertThat(RoleTest.statementsBySid(template)).containsKey("UploadTraces");
        assertThat(nagSuppressions(template)).doesNotContain("Serverless-LambdaTracing");
    }

    @Test
    void withTracingTurnedOffHasNoTracingConfigNoTracePermissionAndSaysWhyInTheNagSuppression() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(StackConfig.ACTIVE_TRACING, "false");

        // when
        Template untraced = Template.fromStack(Synth.stack(context));

        // then
        assertThat(Synth.onlyProperties(untraced, "AWS::Lambda::Function", "Runtime", "java25")).doesNotContainKey("TracingConfig");
        assertThat(RoleTest.statementsBySid(untraced)).doesNotContainKey("UploadTraces")
                .containsKey("QueryGroupIndex");
        assertThat(nagSuppressions(untraced)).contains("Serverless-LambdaTracing");
    }

    @Test
    void runsInTheVpcsPrivateSubnetsWithItsOwnSecurityGroup() {
        String group = Synth.resources(template, "AWS::EC2::SecurityGroup").keySet().iterator().next();
        List<Object> subnets = get(function, "VpcConfig", "SubnetIds");

        assertThat(subnets).hasSize(2);
        for (Object subnet : subnets) {
            String subnetId = get(subnet, "Ref");
            Map<String, Object> tags = Map.of("Key", "aws-cdk:subnet-type", "Value", "Isolated");
            assertThat(list(get(Synth.resources(template, "AWS::EC2::Subnet").get(subnetId), "Properties", "Tags")))
                    .contains(tags);
        }
        assertThat(Synth.list(get(function, "VpcConfig", "SecurityGroupIds")))
                .containsExactly(Map.of("Fn::GetAtt", List.of(group, "GroupId")));
    }

    @Test
    void logsAsJsonToItsOwnLogGroupWithARetentionPeriod() {
        String logGroup = get(function, "LoggingConfig", "LogGroup", "Ref");

        assertThat(Synth.<Object>get(function, "LoggingConfig", "LogFormat")).isEqualTo("JSON");
        assertThat(Synth.<Object>get(Synth.resources(template, "AWS::Logs::LogGroup").get(logGroup), "Properties", "RetentionInDays"))
                .isEqualTo(365);
        // no deprecated logRetention custom resource
        template.resourceCountIs("Custom::LogRetention", 0);
    }

    @Test
    void isPublishedAsAVersionBehindTheLiveAliasWithSnapStartOnPublishedVersions() {
        String functionId = Synth.resources(template, "AWS::Lambda::Function").entrySet().stream()
                .filter(e -> "java25".equals(get(e.getValue(), "Properties", "Runtime")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String version = Synth.resources(template, "AWS::Lambda::Version").keySet().iterator().next();

        template.hasResourceProperties("AWS::Lambda::Version", Map.of("FunctionName", Map.of("Ref", functionId)));
        template.hasResourceProperties("AWS::Lambda::Alias", Map.of(
                "Name", "live",
                "FunctionName", Map.of("Ref", functionId),
                "FunctionVersion", Map.of("Fn::GetAtt", List.of(version, "Version"))));
        assertThat(function).containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    }

    @Test
    void previousVersionsAreKeptWhenADeployPublishesANewOne() {
        // Each deploy gives the current version a new logical id; CDK's default (DESTROY) would delete the one
        // before it. Retained, it stays published for pointing the alias back (infra/README-ops.md).
        Map<String, Object> version = Synth.resources(template, "AWS::Lambda::Version").values().iterator().next();

        assertThat(version).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
    }

    @Test
    void everyLogGroupIsKeptEvenWhenTheDeployThatCreatedItRollsBack() {
        // the logs of a failed first deploy explain it; their generated names never block the retry
        assertThat(Synth.resources(template, "AWS::Logs::LogGroup").values()).hasSize(3).allSatisfy(logGroup -> {
            assertThat(logGroup).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
            assertThat(Synth.<Map<String, Object>>get(logGroup, "Properties")).doesNotContainKey("LogGroupName");
        });
    }

    @Test
    void publishedVersionWaitsForTheDynamoDbEndpointSoPrimingCanReachTheTable() {
        // Publishing a SnapStart version runs the priming hook, whose requests need the endpoint's
        // route and policy (the policy is a property of the endpoint resource).
        String endpoint = Synth.resources(template, "AWS::EC2::VPCEndpoint").keySet().iterator().next();
        Map<String, Object> version = Synth.resources(template, "AWS::Lambda::Version").values().iterator().next();

        assertThat(Synth.list(version.get("DependsOn"))).contains(endpoint);
    }

    @Test
    void stackFailsWithAClearMessageWhenTheLambdaJarIsMissing() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("lambdaJar", "target/no-such-lambda.jar");

        // when / then
        assertThatThrownBy(() -> Synth.stack(context))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("no-such-lambda.jar")
                .hasMessageContaining("build the lambda module first");
    }

    @Test
    void lookupFunctionOfTheCustomResourceLogsToItsOwnLogGroup() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", Match.stringLikeRegexp("nodejs.*"),
                "LoggingConfig", Map.of("LogGroup", Match.objectLike(Map.of("Ref", Match.anyValue())))));
    }

    private static List<Object> list(Object value) {
        return Synth.list(value);
    }

    /** The ids of the cdk-nag rules suppressed on the stream handler. */
    private static List<Object> nagSuppressions(Template template) {
        Object rules = get(Synth.resources(template, "AWS::Lambda::Function").get(Synth.functionId(template)),
                "Metadata", "cdk_nag", "rules_to_suppress");
        return Synth.list(rules).stream().map(rule -> (Object) get(rule, "id")).toList();
    }
}
