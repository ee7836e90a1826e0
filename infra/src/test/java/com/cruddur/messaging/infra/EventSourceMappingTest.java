package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

class EventSourceMappingTest {

    private static final String MAPPING = "AWS::Lambda::EventSourceMapping";

    private static Template template;
    private static Map<String, Object> mapping;

    @BeforeAll
    static void synthesize() {
        template = Synth.defaultTemplate();
        mapping = Synth.onlyProperties(template, MAPPING);
    }

    @Test
    void filtersExactlyWithTheSharedEventFilterPattern() {
        assertThat(Synth.list(get(mapping, "FilterCriteria", "Filters")))
                .containsExactly(Map.of("Pattern", DeploymentContract.EVENT_FILTER_PATTERN));
        assertThat(DeploymentContract.EVENT_FILTER_PATTERN).isEqualTo(
                "{\"eventName\":[\"INSERT\",\"MODIFY\"],\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":[{\"prefix\":\"MSG#\"}]}}}}");
    }

    @Test
    void readsTheTablesStreamAndInvokesTheLiveAlias() {
        String table = Synth.resources(template, "AWS::DynamoDB::Table").keySet().iterator().next();
        String alias = Synth.resources(template, "AWS::Lambda::Alias").keySet().iterator().next();

        assertThat(mapping.get("EventSourceArn")).isEqualTo(Map.of("Fn::GetAtt", List.of(table, "StreamArn")));
        // Ref of an alias is the alias ARN
        assertThat(mapping.get("FunctionName")).isEqualTo(Map.of("Ref", alias));
    }

    @Test
    void reportsPartialFailuresBisectsRetriesBoundedlyAndDropsOldRecords() {
        assertThat(mapping)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BisectBatchOnFunctionError", true)
                .containsEntry("MaximumRetryAttempts", 5)
                .containsEntry("MaximumRecordAgeInSeconds", 3600)
                .containsEntry("BatchSize", 100)
                .containsEntry("MaximumBatchingWindowInSeconds", 0)
                .containsEntry("StartingPosition", "TRIM_HORIZON")
                .containsEntry("ParallelizationFactor", 1)
                .containsEntry("Enabled", true);
    }

    @Test
    void sendsBatchesItGivesUpOnToTheEncryptedFailureQueue() {
        String queue = Synth.resources(template, "AWS::SQS::Queue").keySet().iterator().next();

        assertThat(Synth.<Object>get(mapping, "DestinationConfig", "OnFailure", "Destination"))
                .isEqualTo(Map.of("Fn::GetAtt", List.of(queue, "Arn")));
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600));
        // TLS only
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "PolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Effect", "Deny",
                        "Action", "sqs:*",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))));
    }

    @Test
    void isCreatedOnlyOnceTheDynamoDbEndpointExists() {
        String endpoint = Synth.resources(template, "AWS::EC2::VPCEndpoint").keySet().iterator().next();
        Map<String, Object> resource = Synth.resources(template, MAPPING).values().iterator().next();

        assertThat(Synth.list(resource.get("DependsOn"))).contains(endpoint);
    }
}
