package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
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
                .containsEntry("ParallelizationFactor", 1)
                .containsEntry("Enabled", true);
    }

    @Test
    void aNewTablesMappingStartsAtTheOldestRecordOfTheStream() {
        // The new table's stream holds minutes of records at the first deploy: none is skipped.
        assertThat(mapping).containsEntry("StartingPosition", "TRIM_HORIZON");
    }

    @Test
    void anExistingTablesMappingStartsAtNewRecordsSoItsDayOldRecordsAreNotGivenUpOnAtTheFirstDeploy() {
        // given: the same stack on an existing table, whose stream holds up to 24 hours of records
        Map<String, Object> existing = Synth.onlyProperties(Synth.existingTableTemplate(), MAPPING);

        // then: LATEST (the cutover reconciles what came before); the age limit stays, it now only meets new records
        assertThat(existing).containsEntry("StartingPosition", "LATEST")
                .containsEntry("MaximumRecordAgeInSeconds", 3600)
                .containsEntry("EventSourceArn", StackConfigTest.STREAM_ARN);
    }

    @Test
    void givesUpOnBatchesIntoTheStacksFailureBucketInBothTableModes() {
        for (Template deployed : List.of(template, Synth.existingTableTemplate())) {
            String bucket = Synth.resources(deployed, "AWS::S3::Bucket").keySet().iterator().next();

            assertThat(Synth.<Object>get(Synth.onlyProperties(deployed, MAPPING), "DestinationConfig", "OnFailure", "Destination"))
                    .isEqualTo(Map.of("Fn::GetAtt", List.of(bucket, "Arn")));
        }
        // no queue any more: SQS would hold only the batch's position in the stream
        template.resourceCountIs("AWS::SQS::Queue", 0);
    }

    @Test
    void publishesItsEventCountMetricsForTheAlarmsOnGivenUpBatches() {
        assertThat(mapping).containsEntry("MetricsConfig", Map.of("Metrics", List.of("EventCount")));
    }

    @Test
    void isCreatedOnlyOnceTheDynamoDbEndpointExists() {
        String endpoint = Synth.resources(template, "AWS::EC2::VPCEndpoint").keySet().iterator().next();
        Map<String, Object> resource = Synth.resources(template, MAPPING).values().iterator().next();

        assertThat(Synth.list(resource.get("DependsOn"))).contains(endpoint);
    }
}
