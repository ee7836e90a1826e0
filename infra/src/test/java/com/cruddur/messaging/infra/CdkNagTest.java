package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class CdkNagTest {

    private static Annotations annotations;
    private static Template template;

    @TempDir
    static Path outdir;

    @BeforeAll
    static void synthesizeWithAwsSolutionsChecks() {
        App app = Synth.app(new LinkedHashMap<>(), outdir);
        MessagingStack stack = InfraApp.createStack(app);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).reports(true).build()));
        annotations = Annotations.fromStack(stack);
        template = Template.fromStack(stack);
    }

    @Test
    void nagReportListsEveryCheckedRuleAsCompliantOrSuppressed() throws IOException {
        // given: cdk-nag's report of every rule it evaluated on every resource
        List<String> rows = Files.readAllLines(outdir.resolve("AwsSolutions-" + InfraApp.STACK_NAME + "-NagReport.csv"));

        // then: the checks did run, and nothing is left non-compliant
        assertThat(rows).anyMatch(row -> row.startsWith("\"AwsSolutions-DDB3\",\"CruddurMessaging/MessagesTable/Resource\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-VPC7\",\"CruddurMessaging/Vpc/Resource\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-SQS4\",\"CruddurMessaging/StreamFailureDestination/Resource\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-IAM4\",\"CruddurMessaging/StreamHandlerRole/Resource\",\"Compliant\""));
        assertThat(rows).noneMatch(row -> row.contains("\"Non-Compliant\""));
        assertThat(rows).anyMatch(row -> row.contains("\"Suppressed\""));
    }

    @Test
    void awsSolutionsChecksReportNoUnsuppressedError() {
        // throws, listing every finding, if there is one
        annotations.hasNoError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    @Test
    void awsSolutionsChecksReportNoUnsuppressedWarning() {
        annotations.hasNoWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    }

    @Test
    void everySuppressionNamesItsRuleAndGivesASpecificReason() {
        // given
        List<Map<String, Object>> suppressions = new ArrayList<>();
        Map<String, Object> resources = cast(template.toJSON().get("Resources"));
        for (Object resource : resources.values()) {
            Map<String, Object> metadata = cast(cast(resource).get("Metadata"));
            Object rules = metadata == null || metadata.get("cdk_nag") == null
                    ? null : get(metadata, "cdk_nag", "rules_to_suppress");
            if (rules != null) {
                Synth.list(rules).forEach(rule -> suppressions.add(cast(rule)));
            }
        }

        // then
        assertThat(suppressions).isNotEmpty();
        for (Map<String, Object> suppression : suppressions) {
            assertThat((String) suppression.get("id")).matches("AwsSolutions-[A-Z0-9]+");
            assertThat((String) suppression.get("reason")).as("reason of %s", suppression).hasSizeGreaterThan(80);
        }
        // IAM5 is never suppressed wholesale: each names the exact wildcard resources it accepts
        assertThat(suppressions).filteredOn(s -> "AwsSolutions-IAM5".equals(s.get("id")))
                .allSatisfy(s -> assertThat(Synth.list(s.get("applies_to"))).isNotEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
