package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The CloudWatch dashboard: its body resolved as CloudFormation would ({@link ResolvedTemplate}) and
 * read as the JSON CloudWatch receives, widget by widget.
 */
class DashboardTest {

    private static final String EMF = DeploymentContract.Metrics.DEFAULT_NAMESPACE;

    private static Template template;
    private static String function;
    private static JsonNode body;
    private static Map<String, JsonNode> widgets;

    @BeforeAll
    static void resolveTheDashboardBody() throws IOException {
        template = Synth.defaultTemplate();
        function = Synth.functionId(template);
        ResolvedTemplate resolved = new ResolvedTemplate(template);
        JsonNode dashboard = resolved.properties(resolved.only("AWS::CloudWatch::Dashboard"));
        assertThat(dashboard.get("DashboardName").asText()).isEqualTo(InfraApp.STACK_NAME);
        body = NodeTools.JSON.readTree(dashboard.get("DashboardBody").asText());
        widgets = new LinkedHashMap<>();
        body.get("widgets").forEach(widget -> widgets.put(widget.get("properties").get("title").asText(), widget));
    }

    @Test
    void opensWithTheStateOfEveryAlarm() {
        JsonNode first = body.get("widgets").get(0);
        List<String> alarms = new ArrayList<>();
        first.get("properties").get("alarms").forEach(arn -> alarms.add(arn.asText()));

        assertThat(first.get("type").asText()).isEqualTo("alarm");
        assertThat(alarms).containsExactlyElementsOf(AlarmsTest.EXPECTED.stream()
                .map(e -> ResolvedTemplate.arn("cloudwatch", "alarm:" + InfraApp.STACK_NAME + "-" + e.name())).toList());
    }

    @Test
    void showsMessagesProcessedGroupsFailedAndMalformedRecordsFromTheFunctionsEmfMetrics() {
        assertThat(metrics("Records and messages processed (per minute)")).containsExactly(
                EMF + " Records Sum 60 FunctionName=" + function,
                EMF + " Messages Sum 60 FunctionName=" + function,
                EMF + " Groups Sum 60 FunctionName=" + function,
                EMF + " GroupsUpdated Sum 60 FunctionName=" + function);
        assertThat(metrics("Conversations failed, records skipped as malformed")).containsExactly(
                EMF + " GroupsFailed Sum 60 FunctionName=" + function,
                EMF + " MalformedRecords Sum 60 FunctionName=" + function);
    }

    @Test
    void showsIteratorAgeWithTheAlarmThresholdDurationPercentilesAndRetries() {
        JsonNode iteratorAge = widgets.get("Iterator age (ms, maximum)").get("properties");

        assertThat(metrics("Iterator age (ms, maximum)")).containsExactly(
                "AWS/Lambda IteratorAge Maximum 60 FunctionName=" + function);
        assertThat(iteratorAge.get("annotations").get("horizontal").get(0).get("value").asInt())
                .isEqualTo(StreamAlarms.ITERATOR_AGE_ALARM_MS);
        assertThat(metrics("Batch duration (ms): handler p50/p99, Lambda p99")).containsExactly(
                EMF + " DurationMs p50 60 FunctionName=" + function,
                EMF + " DurationMs p99 60 FunctionName=" + function,
                "AWS/Lambda Duration p99 60 FunctionName=" + function);
        assertThat(metrics("Retries (conversation attempts after the first) and rows written")).startsWith(
                EMF + " Attempts Sum 60 FunctionName=" + function);
        assertThat(metrics("Invocations, errors, throttles, destination delivery failures")).containsExactly(
                "AWS/Lambda Invocations Sum 60 FunctionName=" + function,
                "AWS/Lambda Errors Sum 60 FunctionName=" + function,
                "AWS/Lambda Throttles Sum 60 FunctionName=" + function,
                "AWS/Lambda DestinationDeliveryFailures Sum 60 FunctionName=" + function);
    }

    @Test
    void showsWhatTheEventSourceMappingPolledInvokedAndGaveUpOnByItsUuid() {
        String byMapping = " EventSourceMappingUUID=" + ResolvedTemplate.MAPPING_UUID;

        assertThat(metrics("Event source mapping: records polled, filtered out, invoked, in failed invocations")).containsExactly(
                "AWS/Lambda PolledEventCount Sum 60" + byMapping,
                "AWS/Lambda FilteredOutEventCount Sum 60" + byMapping,
                "AWS/Lambda InvokedEventCount Sum 60" + byMapping,
                "AWS/Lambda FailedInvokeEventCount Sum 60" + byMapping);
        assertThat(metrics("Records given up on: in the failure bucket, dropped")).containsExactly(
                "AWS/Lambda OnFailureDestinationDeliveredEventCount Sum 60" + byMapping,
                "AWS/Lambda DroppedEventCount Sum 60" + byMapping);
        assertThat(metrics("Mapping polls (SampleCount; none: not polling)")).containsExactly(
                "AWS/Lambda PolledEventCount SampleCount 60" + byMapping);
    }

    @Test
    void showsTheEmfCheckAsTheAlarmComputesIt() {
        JsonNode graphed = widgets.get("Invocations without EMF metrics (5 min)").get("properties").get("metrics");

        // the expression first, then its three inputs, hidden
        assertThat(graphed.get(0).get(0).get("expression").asText())
                .isEqualTo("IF(FILL(emfRecords, 0) == 0, FILL(invocations, 0) - FILL(errors, 0), 0)");
        assertThat(graphed.size()).isEqualTo(4);
        assertThat(metrics("Invocations without EMF metrics (5 min)")).containsExactly(
                "AWS/Lambda Invocations Sum 300 FunctionName=" + function,
                "AWS/Lambda Errors Sum 300 FunctionName=" + function,
                EMF + " Records SampleCount 300 FunctionName=" + function);
    }

    @Test
    void showsDynamoDbConsumedAndThrottledCapacityOfTableAndIndex() {
        String table = "TableName=cruddur-messages";
        String index = "GlobalSecondaryIndexName=message-group-sk-index TableName=cruddur-messages";

        assertThat(metrics("DynamoDB consumed capacity units (per minute)")).containsExactly(
                "AWS/DynamoDB ConsumedReadCapacityUnits Sum 60 " + table,
                "AWS/DynamoDB ConsumedWriteCapacityUnits Sum 60 " + table,
                "AWS/DynamoDB ConsumedReadCapacityUnits Sum 60 " + index,
                "AWS/DynamoDB ConsumedWriteCapacityUnits Sum 60 " + index);
        assertThat(metrics("DynamoDB throttle events")).containsExactly(
                "AWS/DynamoDB ReadThrottleEvents Sum 60 " + table,
                "AWS/DynamoDB WriteThrottleEvents Sum 60 " + table,
                "AWS/DynamoDB ReadThrottleEvents Sum 60 " + index,
                "AWS/DynamoDB WriteThrottleEvents Sum 60 " + index);
    }

    @Test
    void everyWidgetFitsTheTwentyFourColumnGrid() {
        for (JsonNode widget : body.get("widgets")) {
            assertThat(widget.get("x").asInt() + widget.get("width").asInt()).as("%s", widget).isLessThanOrEqualTo(24);
        }
        assertThat(widgets).hasSize(13);
    }

    /**
     * A graph's metrics as "namespace name stat period dim=value ...": CloudWatch's array form is
     * [namespace, name, dimension name, value, ..., {options}]. An expression ([{expression, ...}]) is left out.
     */
    private static List<String> metrics(String title) {
        JsonNode widget = widgets.get(title);
        assertThat(widget).as("widget %s among %s", title, widgets.keySet()).isNotNull();
        List<String> metrics = new ArrayList<>();
        for (JsonNode metric : widget.get("properties").get("metrics")) {
            if (metric.get(0).isObject()) {
                continue;
            }
            StringBuilder text = new StringBuilder(metric.get(0).asText() + " " + metric.get(1).asText());
            JsonNode options = metric.get(metric.size() - 1);
            // a graph widget's default period is 300 seconds; CDK leaves that one out
            text.append(' ').append(options.get("stat").asText()).append(' ').append(options.path("period").asInt(300));
            for (int i = 2; i + 1 < metric.size(); i += 2) {
                text.append(' ').append(metric.get(i).asText()).append('=').append(metric.get(i + 1).asText());
            }
            metrics.add(text.toString());
        }
        return metrics;
    }
}
