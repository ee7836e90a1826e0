package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
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
    void filtersWithTheContractsPatternWhichNamesTheSchemasMessageEventsAndKeyPrefix() throws Exception {
        List<Object> filters = Synth.list(get(mapping, "FilterCriteria", "Filters"));
        assertThat(filters).containsExactly(Map.of("Pattern", DeploymentContract.EVENT_FILTER_PATTERN));

        // The deployed pattern, read as JSON, against the schema's own definitions of a message record.
        JsonNode pattern = NodeTools.JSON.readTree((String) ((Map<?, ?>) filters.getFirst()).get("Pattern"));
        assertThat(pattern.get("eventName")).extracting(JsonNode::asText).containsExactlyElementsOf(MessagesTable.MESSAGE_EVENT_NAMES);
        assertThat(pattern.at("/dynamodb/Keys/" + MessagesTable.PK + "/S/0/prefix").asText()).isEqualTo(MessagesTable.MESSAGE_PREFIX);
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
        // The contract's values, which the local mapping and redrive follow too.
        assertThat(mapping)
                .containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"))
                .containsEntry("BisectBatchOnFunctionError", DeploymentContract.BISECT_BATCH_ON_FUNCTION_ERROR)
                .containsEntry("MaximumRetryAttempts", DeploymentContract.MAX_RETRY_ATTEMPTS)
                .containsEntry("MaximumRecordAgeInSeconds", DeploymentContract.MAX_RECORD_AGE_SECONDS)
                .containsEntry("BatchSize", DeploymentContract.BATCH_SIZE)
                .containsEntry("MaximumBatchingWindowInSeconds", DeploymentContract.MAX_BATCHING_WINDOW_SECONDS)
                .containsEntry("ParallelizationFactor", DeploymentContract.PARALLELIZATION_FACTOR)
                .containsEntry("Enabled", true);
        // One batch of a shard at a time is what keeps a conversation's messages in order (the handler's
        // coalescing relies on it): an independent literal, since a contract value could drift with it.
        assertThat(mapping).containsEntry("ParallelizationFactor", 1);
    }

    @Test
    void aNewTablesMappingStartsAtTheOldestRecordOfTheStream() {
        // The new table's stream holds minutes of records at the first deploy: none is skipped.
        assertThat(mapping).containsEntry("StartingPosition", DeploymentContract.STARTING_POSITION_NEW_TABLE);
    }

    @Test
    void anExistingTablesMappingStartsAtNewRecordsSoItsDayOldRecordsAreNotGivenUpOnAtTheFirstDeploy() {
        // given: the same stack on an existing table, whose stream holds up to 24 hours of records
        Map<String, Object> existing = Synth.onlyProperties(Synth.existingTableTemplate(), MAPPING);

        // then: LATEST (the cutover reconciles what came before); the age limit stays, it now only meets new records
        assertThat(existing).containsEntry("StartingPosition", DeploymentContract.STARTING_POSITION_EXISTING_TABLE)
                .containsEntry("MaximumRecordAgeInSeconds", DeploymentContract.MAX_RECORD_AGE_SECONDS)
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
