package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * cfn-guard with the AWS Control Tower proactive-control rules, both as shipped in the pinned npm
 * package {@code @cdklabs/cdk-validator-cfnguard} (the CDK's policy-validation plugin), on the
 * template of each deployment mode. A finding passes only if its resource lists the rule in
 * {@code Metadata.guard.SuppressedRules} with a reason ({@link Suppressions#guard}); the Control
 * Tower rules do not read that metadata themselves, so this test applies it. A suppression that no
 * longer matches a finding fails too, and a copy with a suppression removed proves the check fails.
 */
class CfnGuardTest {

    /** The mode whose template has one suppression removed: its finding must be reported. */
    private static final String UNSUPPRESSED = "one-suppression-removed";
    private static final Pattern RESOURCE_PATH = Pattern.compile("^/Resources/([A-Za-z0-9]+)");

    private static final Map<String, JsonNode> templates = new LinkedHashMap<>();
    private static final Map<String, Set<String>> findings = new LinkedHashMap<>();
    private static final Map<String, String> controls = new LinkedHashMap<>();
    private static String removedSuppression;

    @BeforeAll
    static void runCfnGuardOnceOnEveryTemplate() throws IOException {
        Synth.modes().forEach((mode, template) -> templates.put(mode, NodeTools.JSON.valueToTree(template.toJSON())));
        ObjectNode withoutOne = templates.get("new-table").deepCopy();
        removedSuppression = removeFirstSuppression(withoutOne);
        templates.put(UNSUPPRESSED, withoutOne);

        List<String> command = new ArrayList<>(List.of(NodeTools.cfnGuard().toString(), "validate",
                "--rules", NodeTools.controlTowerRules().toString()));
        Files.createDirectories(NodeTools.WORK);
        Map<String, String> modeOfFile = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> template : templates.entrySet()) {
            Path file = NodeTools.WORK.resolve("guard-" + template.getKey() + ".template.json");
            NodeTools.JSON.writeValue(file.toFile(), template.getValue());
            command.addAll(List.of("--data", file.toString()));
            modeOfFile.put(file.getFileName().toString(), template.getKey());
        }
        command.addAll(List.of("--output-format", "json", "--show-summary", "none", "--structured"));
        Path output = NodeTools.WORK.resolve("cfn-guard-output.json");
        int status = NodeTools.exec(command, output);
        // 0: every rule passed; 19: some rule failed (cfn-guard's own exit codes). Anything else is an error.
        assertThat(status).as("cfn-guard exit status; output in %s", output).isIn(0, 19);

        for (JsonNode report : NodeTools.JSON.readTree(output.toFile())) {
            String mode = modeOfFile.get(Path.of(report.get("name").asText()).getFileName().toString());
            Set<String> found = new TreeSet<>();
            for (JsonNode failed : report.get("not_compliant")) {
                String rule = failed.get("Rule").get("name").asText();
                for (String path : failed.findValuesAsText("path")) {
                    Matcher resource = RESOURCE_PATH.matcher(path);
                    if (resource.find()) {
                        found.add(resource.group(1) + " " + rule);
                    }
                }
                for (String message : failed.findValuesAsText("custom_message")) {
                    Matcher control = Pattern.compile("\\[(CT\\.[A-Z0-9.]+)]").matcher(message);
                    if (control.find()) {
                        controls.put(rule, control.group(1));
                    }
                }
            }
            findings.put(mode, found);
        }
        assertThat(findings).containsOnlyKeys(templates.keySet());
    }

    @Test
    void everyControlTowerFindingOfANewTableStackIsSuppressedWithAReasonOnItsResource() {
        assertEveryFindingSuppressedAndEverySuppressionUsed("new-table");
    }

    @Test
    void everyControlTowerFindingOfAnExistingTableStackIsSuppressedWithAReasonOnItsResource() {
        assertEveryFindingSuppressedAndEverySuppressionUsed("existing-table");
    }

    @Test
    void everyControlTowerFindingOfAnExistingTableStackWithACustomerManagedKeyIsSuppressedWithAReasonOnItsResource() {
        assertEveryFindingSuppressedAndEverySuppressionUsed("existing-table-with-key");
    }

    @Test
    void everyControlTowerFindingOfAnExistingVpcStackIsSuppressedWithAReasonOnItsResource() {
        assertEveryFindingSuppressedAndEverySuppressionUsed("existing-vpc");
    }

    @Test
    void aFindingWhoseSuppressionIsRemovedFailsTheCheck() {
        assertThat(unsuppressed(UNSUPPRESSED)).containsExactly(removedSuppression);
    }

    @Test
    void theRulesThatFoundSomethingAreTheAcceptedOnes() {
        // Fixed rather than suppressed: log group retention of a year (CT.CLOUDWATCH.PR.2), alarms with
        // actions (CT.CLOUDWATCH.PR.1, the alarm topic), the alarm topic's key rotating and granting only
        // for AWS services (CT.KMS.PR.1, CT.KMS.PR.3); the failure bucket's public access block, ACLs off,
        // lifecycle rule, TLS-only policy and SSE-KMS (CT.S3.PR.1, .5, .6, .8, .10).
        assertThat(controls).containsOnlyKeys("cloudwatch_log_group_encrypted_check", "lambda_inside_vpc_check",
                "s3_bucket_logging_enabled_check", "s3_bucket_versioning_enabled_check",
                "s3_bucket_object_lock_enabled_check", "s3_event_notifications_enabled_check");
    }

    @Test
    void alarmsNeedNoSuppressionNow() {
        for (JsonNode template : templates.values()) {
            template.get("Resources").properties().forEach(resource -> {
                if ("AWS::CloudWatch::Alarm".equals(resource.getValue().path("Type").asText())) {
                    assertThat(resource.getValue().path("Metadata").has(Suppressions.GUARD)).as(resource.getKey()).isFalse();
                }
            });
        }
        assertThat(findings.get("new-table")).noneMatch(finding -> finding.endsWith(" cloudwatch_alarm_action_check"));
    }

    private static void assertEveryFindingSuppressedAndEverySuppressionUsed(String mode) {
        Set<String> suppressed = suppressions(templates.get(mode)).keySet();
        assertThat(findings.get(mode)).as("findings of %s", mode).isNotEmpty();
        assertThat(unsuppressed(mode)).as("findings without a suppression in %s", mode).isEmpty();
        assertThat(suppressed).as("suppressions that match no finding (remove them)").isSubsetOf(findings.get(mode));
        suppressions(templates.get(mode)).forEach((finding, reason) ->
                assertThat(reason).as("reason of %s", finding).hasSizeGreaterThan(80));
    }

    private static Set<String> unsuppressed(String mode) {
        Set<String> open = new TreeSet<>(findings.get(mode));
        open.removeAll(suppressions(templates.get(mode)).keySet());
        return open;
    }

    /** "logicalId rule" to reason, from each resource's Metadata.guard. */
    private static Map<String, String> suppressions(JsonNode template) {
        Map<String, String> suppressions = new LinkedHashMap<>();
        template.get("Resources").properties().forEach(resource -> {
            JsonNode guard = resource.getValue().path("Metadata").path(Suppressions.GUARD);
            for (JsonNode rule : guard.path(Suppressions.GUARD_RULES)) {
                suppressions.put(resource.getKey() + " " + rule.asText(),
                        guard.path(Suppressions.GUARD_REASONS).path(rule.asText()).asText(""));
            }
        });
        return suppressions;
    }

    private static String removeFirstSuppression(ObjectNode template) {
        for (Map.Entry<String, JsonNode> resource : template.get("Resources").properties()) {
            JsonNode metadata = resource.getValue().path("Metadata");
            if (metadata.has(Suppressions.GUARD)) {
                String rule = metadata.get(Suppressions.GUARD).get(Suppressions.GUARD_RULES).get(0).asText();
                ((ObjectNode) metadata).remove(Suppressions.GUARD);
                return resource.getKey() + " " + rule;
            }
        }
        throw new AssertionError("no guard suppression in the template");
    }
}
