package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awscdk.assertions.Template;

/**
 * The alarm topic the stack creates: encrypted with its own rotating key, TLS-only, and open to
 * CloudWatch alarms of this stack only. Its topic policy and key policy are evaluated by the same IAM
 * engine as the function's role ({@code @cloud-copilot/iam-simulate}, src/test/node/iam-evaluate.cjs):
 * what CloudWatch must be able to do is allowed, what nobody should is denied.
 */
class AlarmTopicTest {

    private static final String ACCOUNT = ResolvedTemplate.ACCOUNT;
    private static final String OTHER_ACCOUNT = "222222222222";

    private static Template template;
    private static String topicId;
    private static String keyId;
    private static final Map<String, ObjectNode> requests = new LinkedHashMap<>();
    private static final Map<String, Boolean> allowed = new LinkedHashMap<>();
    private static final Map<String, String> results = new LinkedHashMap<>();

    @BeforeAll
    static void evaluateTheTopicAndKeyPoliciesInOneNodeProcess() {
        template = Synth.defaultTemplate();
        topicId = Synth.resources(template, "AWS::SNS::Topic").keySet().iterator().next();
        keyId = Synth.resources(template, "AWS::KMS::Key").keySet().iterator().next();
        ResolvedTemplate resolved = new ResolvedTemplate(template);
        String topicArn = resolved.ref(topicId);
        String keyArn = resolved.attribute(keyId, "Arn");
        JsonNode topicPolicy = resolved.properties(resolved.only("AWS::SNS::TopicPolicy")).get("PolicyDocument");
        JsonNode keyPolicy = resolved.properties(keyId).get("KeyPolicy");
        String alarm = ResolvedTemplate.arn("cloudwatch", "alarm:" + InfraApp.STACK_NAME + "-GroupsFailed");

        String cloudWatch = "cloudwatch.amazonaws.com";
        expect(true, "an alarm of this stack publishes over TLS", cloudWatch, "sns:Publish", topicArn, topicPolicy,
                sourceOf(alarm, ACCOUNT, true));
        expect(false, "an alarm of this stack publishes without TLS", cloudWatch, "sns:Publish", topicArn, topicPolicy,
                sourceOf(alarm, ACCOUNT, false));
        expect(false, "an alarm of another stack of the account publishes", cloudWatch, "sns:Publish", topicArn,
                topicPolicy, sourceOf(ResolvedTemplate.arn("cloudwatch", "alarm:SomeOtherApp-HighCpu"), ACCOUNT, true));
        expect(false, "an alarm of another account named like ours publishes", cloudWatch, "sns:Publish", topicArn,
                topicPolicy, sourceOf("arn:aws:cloudwatch:us-east-1:" + OTHER_ACCOUNT + ":alarm:" + InfraApp.STACK_NAME
                        + "-GroupsFailed", OTHER_ACCOUNT, true));
        expect(false, "a role of another account publishes", "arn:aws:iam::" + OTHER_ACCOUNT + ":role/anyone",
                "sns:Publish", topicArn, topicPolicy, secure(true));
        expect(true, "CloudWatch makes a data key to encrypt a notification", cloudWatch, "kms:GenerateDataKey", keyArn,
                keyPolicy, Map.of());
        expect(true, "CloudWatch decrypts with the key", cloudWatch, "kms:Decrypt", keyArn, keyPolicy, Map.of());
        expect(false, "CloudWatch disables the key", cloudWatch, "kms:DisableKey", keyArn, keyPolicy, Map.of());
        Map<String, Object> notForAws = new LinkedHashMap<>();
        notForAws.put("kms:GrantIsForAWSResource", "false");
        notForAws.put("aws:PrincipalIsAWSService", "false");
        expect(false, "an administrator of the account creates a grant for a principal of their choice",
                "arn:aws:iam::" + ACCOUNT + ":role/admin", "kms:CreateGrant", keyArn, keyPolicy, notForAws);
        // The deny is that narrow: the account (through IAM) still administers the key.
        Map<String, Object> forAws = new LinkedHashMap<>();
        forAws.put("kms:GrantIsForAWSResource", "true");
        forAws.put("aws:PrincipalIsAWSService", "false");
        expect(true, "an administrator of the account creates a grant for an AWS resource",
                "arn:aws:iam::" + ACCOUNT + ":role/admin", "kms:CreateGrant", keyArn, keyPolicy, forAws);
        expect(true, "an administrator of the account schedules the key's deletion",
                "arn:aws:iam::" + ACCOUNT + ":role/admin", "kms:ScheduleKeyDeletion", keyArn, keyPolicy, Map.of());

        ObjectNode none = JsonNodeFactory.instance.objectNode();
        none.set("identityPolicies", JsonNodeFactory.instance.arrayNode());
        ObjectNode admin = JsonNodeFactory.instance.objectNode();
        admin.set("identityPolicies", NodeTools.JSON.valueToTree(List.of(Map.of("name", "admin", "policy", Map.of(
                "Version", "2012-10-17",
                "Statement", List.of(Map.of("Effect", "Allow", "Action", "*", "Resource", "*")))))));
        ObjectNode policySets = JsonNodeFactory.instance.objectNode();
        policySets.set("none", none);
        policySets.set("admin", admin);
        requests.forEach((id, request) -> request.put("policySet", id.contains("administrator") ? "admin" : "none"));
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("policySets", policySets);
        ArrayNode all = JsonNodeFactory.instance.arrayNode();
        requests.values().forEach(all::add);
        input.set("requests", all);
        for (JsonNode result : NodeTools.node("iam-evaluate.cjs", "alarm-topic-evaluation", input)) {
            results.put(result.get("id").asText(), result.get("result").asText());
        }
    }

    @TestFactory
    Stream<DynamicTest> topicAndKeyPoliciesAllowCloudWatchAlarmsOfThisStackAndNobodyElse() {
        assertThat(results).containsOnlyKeys(requests.keySet());
        return allowed.entrySet().stream().map(expectation -> DynamicTest.dynamicTest(
                (expectation.getValue() ? "allowed: " : "denied: ") + expectation.getKey(), () -> {
                    if (expectation.getValue()) {
                        assertThat(results.get(expectation.getKey())).isEqualTo("Allowed");
                    } else {
                        assertThat(results.get(expectation.getKey())).isIn("ImplicitlyDenied", "ExplicitlyDenied");
                    }
                }));
    }

    @Test
    void theTopicIsEncryptedWithItsOwnKeyWhichRotates() {
        Map<String, Object> topic = Synth.onlyProperties(template, "AWS::SNS::Topic");
        Map<String, Object> key = Synth.onlyProperties(template, "AWS::KMS::Key");

        assertThat(topic).containsEntry("KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(keyId, "Arn")));
        assertThat(key).containsEntry("EnableKeyRotation", true);
    }

    @Test
    void theTopicPolicyAppliesToTheTopic() {
        assertThat(Synth.list(get(Synth.onlyProperties(template, "AWS::SNS::TopicPolicy"), "Topics")))
                .containsExactly(Map.of("Ref", topicId));
    }

    @Test
    void theStackOutputsTheTopicToSubscribeTo() {
        assertThat(Synth.<Object>get(template.toJSON(), "Outputs", "AlarmTopicArn", "Value")).isEqualTo(Map.of("Ref", topicId));
    }

    private static Map<String, Object> sourceOf(String alarmArn, String account, boolean tls) {
        Map<String, Object> context = new LinkedHashMap<>(secure(tls));
        context.put("aws:SourceArn", alarmArn);
        context.put("aws:SourceAccount", account);
        return context;
    }

    private static Map<String, Object> secure(boolean tls) {
        return Map.of("aws:SecureTransport", String.valueOf(tls));
    }

    private static void expect(boolean allow, String description, String principal, String action, String resource,
                               JsonNode resourcePolicy, Map<String, Object> context) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("id", description);
        request.put("principal", principal);
        request.put("action", action);
        request.put("resource", resource);
        request.put("accountId", ACCOUNT);
        request.set("context", NodeTools.JSON.valueToTree(context));
        request.put("throughEndpoint", false);
        request.set("resourcePolicy", resourcePolicy);
        requests.put(description, request);
        allowed.put(description, allow);
    }
}
