package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import io.github.cdklabs.cdknag.ServerlessChecks;
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

/** cdk-nag's AwsSolutions and Serverless packs: every finding fixed or suppressed with a reason. */
class CdkNagTest {

    private static final String PACKS = "(AwsSolutions|Serverless)-.*";

    private static Annotations annotations;
    private static Template template;

    @TempDir
    static Path outdir;

    @BeforeAll
    static void synthesizeWithAwsSolutionsAndServerlessChecks() {
        App app = Synth.app(new LinkedHashMap<>(), outdir);
        MessagingStack stack = InfraApp.createStack(app);
        NagPackProps props = NagPackProps.builder().verbose(true).reports(true).build();
        Aspects.of(app).add(new AwsSolutionsChecks(props));
        Aspects.of(app).add(new ServerlessChecks(props));
        annotations = Annotations.fromStack(stack);
        template = Template.fromStack(stack);
    }

    @Test
    void nagReportsListEveryCheckedRuleAsCompliantOrSuppressed() throws IOException {
        // given: each pack's report of every rule it evaluated on every resource
        List<String> solutions = report("AwsSolutions");
        List<String> serverless = report("Serverless");

        // then: the checks did run, and nothing is left non-compliant
        assertThat(solutions)
                .anyMatch(row -> row.startsWith("\"AwsSolutions-DDB3\",\"CruddurMessaging/MessagesTable/Table/Resource\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-VPC7\",\"CruddurMessaging/Network/Vpc/Resource\",\"Compliant\""))
                // the failure bucket: TLS-only; its access is audited through KMS instead of access logs (suppressed)
                .anyMatch(row -> row.startsWith("\"AwsSolutions-S10\",\"CruddurMessaging/StreamFailureDestination/Bucket/Resource\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-S1\",\"CruddurMessaging/StreamFailureDestination/Bucket/Resource\",\"Suppressed\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-IAM4\",\"CruddurMessaging/StreamHandler/Role/Resource\",\"Compliant\""))
                // the alarm topic: TLS-only; its key rotates (its encryption: AlarmTopicTest)
                .anyMatch(row -> row.startsWith("\"AwsSolutions-SNS3\",\"CruddurMessaging/AlarmTopic/Topic/Resource\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"AwsSolutions-KMS5\",\"CruddurMessaging/AlarmTopic/Key/Resource\",\"Compliant\""));
        assertThat(serverless)
                .anyMatch(row -> row.startsWith("\"Serverless-LambdaDLQ\",\"CruddurMessaging/StreamHandler/Function/Resource\""))
                .anyMatch(row -> row.startsWith("\"Serverless-LambdaEventSourceMappingDestination\",\"CruddurMessaging/StreamHandler/StreamMapping\",\"Compliant\""))
                .anyMatch(row -> row.startsWith("\"Serverless-LambdaTracing\",\"CruddurMessaging/StreamHandler/Function/Resource\",\"Compliant\""));
        assertThat(solutions).noneMatch(row -> row.contains("\"Non-Compliant\""));
        assertThat(serverless).noneMatch(row -> row.contains("\"Non-Compliant\""));
    }

    @Test
    void nagPacksReportNoUnsuppressedError() {
        // throws, listing every finding, if there is one
        annotations.hasNoError("*", Match.stringLikeRegexp(PACKS));
    }

    @Test
    void nagPacksReportNoUnsuppressedWarning() {
        annotations.hasNoWarning("*", Match.stringLikeRegexp(PACKS));
    }

    @Test
    void nagPacksReportNothingUnsuppressedOnAnExistingTableWithItsKeyAnExistingTopicAndTracingOff(@TempDir Path otherOutdir) {
        // given
        Map<String, Object> context = Synth.existingTableWithKeyContext();
        context.put(StackConfig.ALARM_TOPIC_ARN, AlarmsTest.EXISTING_TOPIC);
        context.put(StackConfig.ACTIVE_TRACING, "false");
        App app = Synth.app(context, otherOutdir);
        MessagingStack stack = InfraApp.createStack(app);
        NagPackProps props = NagPackProps.builder().verbose(true).build();
        Aspects.of(app).add(new AwsSolutionsChecks(props));
        Aspects.of(app).add(new ServerlessChecks(props));

        // when
        Annotations other = Annotations.fromStack(stack);

        // then
        other.hasNoError("*", Match.stringLikeRegexp(PACKS));
        other.hasNoWarning("*", Match.stringLikeRegexp(PACKS));
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
            assertThat((String) suppression.get("id")).matches("(AwsSolutions|Serverless)-[A-Za-z0-9]+");
            assertThat((String) suppression.get("reason")).as("reason of %s", suppression).hasSizeGreaterThan(80);
        }
        // IAM5 is never suppressed wholesale: each names the exact wildcard resources it accepts
        assertThat(suppressions).filteredOn(s -> "AwsSolutions-IAM5".equals(s.get("id")))
                .allSatisfy(s -> assertThat(Synth.list(s.get("applies_to"))).isNotEmpty());
    }

    private static List<String> report(String pack) throws IOException {
        return Files.readAllLines(outdir.resolve(pack + "-" + InfraApp.STACK_NAME + "-NagReport.csv"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
