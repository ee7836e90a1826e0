package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.DeploymentContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awscdk.assertions.Template;

/**
 * Every alarm of the stack: its metric, statistic, period, threshold, evaluation and action, in the
 * deployment modes that change them (new table, existing table, existing topic, runbook URL), and
 * its description's link into infra/README-ops.md.
 */
class AlarmsTest {

    static final Path README_OPS = Path.of("README-ops.md");
    static final String EXISTING_TOPIC = "arn:aws:sns:us-east-1:111111111111:ops-pager";

    private static final String GT = "GreaterThanThreshold";
    private static final String GTE = "GreaterThanOrEqualToThreshold";
    private static final String LT = "LessThanThreshold";
    private static final String NOT_BREACHING = "notBreaching";
    private static final String BREACHING = "breaching";

    /**
     * One alarm's metric and rule. A null metric name marks an expression (the DynamoDB throttle sums, the
     * EMF check), whose inputs are checked by their own tests; the namespace is then that of every input
     * with the statistic given ({@code null}: inputs of several namespaces and statistics).
     */
    record Expected(String name, String namespace, String metric, String statistic, int period, String comparison,
                    int threshold, int evaluationPeriods, int datapointsToAlarm, String missingData) {

        Expected(String name, String namespace, String metric, String statistic, int period, String comparison,
                 int threshold, int evaluationPeriods, int datapointsToAlarm) {
            this(name, namespace, metric, statistic, period, comparison, threshold, evaluationPeriods, datapointsToAlarm,
                    NOT_BREACHING);
        }
    }

    /** The alarm table of infra/README-ops.md. */
    static final List<Expected> EXPECTED = List.of(
            new Expected("GroupsFailed", "Cruddur/Messaging", "GroupsFailed", "Sum", 300, GT, 0, 1, 1),
            new Expected("MalformedRecords", "Cruddur/Messaging", "MalformedRecords", "Sum", 300, GT, 0, 1, 1),
            new Expected("IteratorAge", "AWS/Lambda", "IteratorAge", "Maximum", 60, GT, 60_000, 5, 5),
            new Expected("FunctionErrors", "AWS/Lambda", "Errors", "Sum", 300, GTE, 1, 1, 1),
            new Expected("FunctionThrottles", "AWS/Lambda", "Throttles", "Sum", 300, GTE, 1, 2, 2),
            new Expected("DestinationDeliveryFailures", "AWS/Lambda", "DestinationDeliveryFailures", "Sum", 300, GTE, 1, 1, 1),
            new Expected("FailureDestinationDeliveries", "AWS/Lambda", "OnFailureDestinationDeliveredEventCount", "Sum", 300,
                    GTE, 1, 1, 1),
            new Expected("DroppedEvents", "AWS/Lambda", "DroppedEventCount", "Sum", 300, GTE, 1, 1, 1),
            new Expected("MappingNotPolling", "AWS/Lambda", "PolledEventCount", "SampleCount", 300, LT, 1, 3, 3, BREACHING),
            new Expected("EmfMetricsMissing", null, null, null, 300, GTE, 1, 2, 2),
            new Expected("TableThrottles", "AWS/DynamoDB", null, "Sum", 60, GTE, 1, 5, 3),
            new Expected("IndexThrottles", "AWS/DynamoDB", null, "Sum", 60, GTE, 1, 5, 3));

    private static Template template;
    private static Map<String, Map<String, Object>> alarms;
    private static String topic;
    private static String function;
    private static String mapping;
    private static String table;

    @BeforeAll
    static void synthesize() {
        template = Synth.defaultTemplate();
        alarms = alarmsByName(template);
        topic = Synth.resources(template, "AWS::SNS::Topic").keySet().iterator().next();
        function = Synth.functionId(template);
        mapping = Synth.resources(template, "AWS::Lambda::EventSourceMapping").keySet().iterator().next();
        table = Synth.resources(template, "AWS::DynamoDB::Table").keySet().iterator().next();
    }

    @Test
    void theStackHasExactlyTheAlarmsOfTheRunbookNamedAfterTheStack() {
        assertThat(alarms.keySet()).containsExactlyInAnyOrderElementsOf(
                EXPECTED.stream().map(e -> InfraApp.STACK_NAME + "-" + e.name()).toList());
    }

    @Test
    void everyAlarmSendsAlarmAndOkToTheAlarmTopicAndOnlyTheMappingsSilenceIsABreach() {
        for (Expected expected : EXPECTED) {
            Map<String, Object> alarm = alarms.get(InfraApp.STACK_NAME + "-" + expected.name());
            assertThat(alarm.get("AlarmActions")).as(expected.name()).isEqualTo(List.of(Map.of("Ref", topic)));
            assertThat(alarm.get("OKActions")).as(expected.name()).isEqualTo(List.of(Map.of("Ref", topic)));
            assertThat(alarm).doesNotContainKeys("InsufficientDataActions", "ActionsEnabled");
            assertThat(alarm).as(expected.name()).containsEntry("TreatMissingData", expected.missingData());
        }
        assertThat(EXPECTED).filteredOn(e -> BREACHING.equals(e.missingData())).extracting(Expected::name)
                .containsExactly("MappingNotPolling");
    }

    @TestFactory
    Stream<DynamicTest> eachAlarmWatchesItsMetricWithItsStatisticPeriodThresholdAndEvaluation() {
        return EXPECTED.stream().map(expected -> DynamicTest.dynamicTest(expected.name(), () -> {
            Map<String, Object> alarm = alarms.get(InfraApp.STACK_NAME + "-" + expected.name());
            assertThat(alarm).containsEntry("ComparisonOperator", expected.comparison())
                    .containsEntry("Threshold", expected.threshold())
                    .containsEntry("EvaluationPeriods", expected.evaluationPeriods())
                    .containsEntry("DatapointsToAlarm", expected.datapointsToAlarm());
            List<Object> metrics = Synth.list(alarm.get("Metrics"));
            for (Object stat : metrics.stream().filter(m -> get(m, "MetricStat") != null).toList()) {
                if (expected.namespace() != null) {
                    assertThat(Synth.<Object>get(stat, "MetricStat", "Metric", "Namespace")).isEqualTo(expected.namespace());
                    assertThat(Synth.<Object>get(stat, "MetricStat", "Stat")).isEqualTo(expected.statistic());
                }
                assertThat(Synth.<Object>get(stat, "MetricStat", "Period")).isEqualTo(expected.period());
            }
            if (expected.metric() != null) {
                assertThat(metrics).hasSize(1);
                assertThat(Synth.<Object>get(metrics.getFirst(), "MetricStat", "Metric", "MetricName"))
                        .isEqualTo(expected.metric());
                assertThat(Synth.<Object>get(metrics.getFirst(), "ReturnData")).isEqualTo(true);
            }
        }));
    }

    @Test
    void groupsFailedAndMalformedRecordsReadTheFunctionsEmfMetricsInTheNamespaceTheStackGivesIt() {
        Map<String, Object> environment = get(Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25"),
                "Environment", "Variables");

        assertThat(environment).containsEntry(DeploymentContract.Env.METRICS_NAMESPACE,
                DeploymentContract.Metrics.DEFAULT_NAMESPACE);
        assertThat(metric("GroupsFailed")).isEqualTo(Map.of(
                "Namespace", DeploymentContract.Metrics.DEFAULT_NAMESPACE,
                "MetricName", DeploymentContract.Metrics.GROUPS_FAILED,
                "Dimensions", List.of(Map.of("Name", DeploymentContract.Metrics.DIMENSION, "Value", Map.of("Ref", function)))));
        assertThat(metric("MalformedRecords")).isEqualTo(Map.of(
                "Namespace", DeploymentContract.Metrics.DEFAULT_NAMESPACE,
                "MetricName", DeploymentContract.Metrics.MALFORMED_RECORDS,
                "Dimensions", List.of(Map.of("Name", DeploymentContract.Metrics.DIMENSION, "Value", Map.of("Ref", function)))));
    }

    @Test
    void lambdaAlarmsReadTheFunctionWideSeriesOfAllVersionsAndAliases() {
        for (String name : List.of("IteratorAge", "FunctionErrors", "FunctionThrottles", "DestinationDeliveryFailures")) {
            assertThat(Synth.<Object>get(metric(name), "Dimensions")).as(name)
                    .isEqualTo(List.of(Map.of("Name", "FunctionName", "Value", Map.of("Ref", function))));
        }
    }

    @Test
    void givenUpBatchesAndSilenceAreReadFromTheEventSourceMappingsOwnMetricsByItsUuid() {
        // Lambda's event source mapping metrics: namespace AWS/Lambda, dimension EventSourceMappingUUID (the mapping's Ref)
        for (String name : List.of("FailureDestinationDeliveries", "DroppedEvents", "MappingNotPolling")) {
            assertThat(Synth.<Object>get(metric(name), "Dimensions")).as(name)
                    .isEqualTo(List.of(Map.of("Name", "EventSourceMappingUUID", "Value", Map.of("Ref", mapping))));
        }
    }

    @Test
    void emfMetricsMissingCountsInvocationsThatReturnedWithoutAnyEmfDocument() {
        Map<String, Object> alarm = alarms.get(InfraApp.STACK_NAME + "-EmfMetricsMissing");
        Map<String, Object> inputs = new LinkedHashMap<>();
        String expression = null;
        for (Object metric : Synth.list(alarm.get("Metrics"))) {
            if (get(metric, "Expression") != null) {
                expression = get(metric, "Expression");
                assertThat(Synth.<Object>get(metric, "ReturnData")).isEqualTo(true);
            } else {
                assertThat(Synth.<Object>get(metric, "ReturnData")).isEqualTo(false);
                inputs.put(get(metric, "Id"), get(metric, "MetricStat", "Metric", "Namespace") + " "
                        + get(metric, "MetricStat", "Metric", "MetricName") + " " + get(metric, "MetricStat", "Stat") + " "
                        + get(metric, "MetricStat", "Metric", "Dimensions"));
            }
        }

        assertThat(expression).isEqualTo("IF(FILL(emfRecords, 0) == 0, FILL(invocations, 0) - FILL(errors, 0), 0)");
        String byFunction = " [{Name=FunctionName, Value={Ref=" + function + "}}]";
        assertThat(inputs).containsExactly(
                Map.entry("invocations", "AWS/Lambda Invocations Sum" + byFunction),
                Map.entry("errors", "AWS/Lambda Errors Sum" + byFunction),
                Map.entry("emfRecords", DeploymentContract.Metrics.DEFAULT_NAMESPACE + " " + DeploymentContract.Metrics.RECORDS
                        + " SampleCount" + byFunction));
    }

    @Test
    void throttleAlarmsSumReadAndWriteThrottleEventsOfTheTableAndOfTheIndexOfANewTable() {
        assertThrottleAlarms(template, Map.of("Ref", table));
    }

    @Test
    void throttleAlarmsNameAnExistingTableByItsName() {
        assertThrottleAlarms(Synth.existingTableTemplate(), "cruddur-messages");
    }

    @Test
    void everyDescriptionSaysWhatTheAlarmMeansAndLinksItsSectionOfTheRunbook() throws IOException {
        Set<String> anchors = anchors(Files.readString(README_OPS));

        for (Expected expected : EXPECTED) {
            String description = (String) alarms.get(InfraApp.STACK_NAME + "-" + expected.name()).get("AlarmDescription");
            String anchor = StreamAlarms.runbookAnchor(expected.name());
            assertThat(description).as(expected.name())
                    .hasSizeBetween(120, 1024)
                    .endsWith(" Runbook: infra/README-ops.md#" + anchor);
            assertThat(anchors).as("anchors of %s", README_OPS).contains(anchor);
        }
        Set<String> alarmSections = anchors.stream().filter(a -> a.startsWith("alarm-"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> alarmAnchors = EXPECTED.stream().map(e -> StreamAlarms.runbookAnchor(e.name()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(alarmSections).as("runbook sections of alarms").isEqualTo(alarmAnchors);
    }

    @Test
    void aRunbookUrlFromContextPrefixesEveryLink() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(StackConfig.RUNBOOK_URL, "https://github.com/example/cruddur/blob/main/infra/README-ops.md");

        Map<String, Map<String, Object>> linked = alarmsByName(Template.fromStack(Synth.stack(context)));

        assertThat(linked.values()).allSatisfy(alarm -> assertThat((String) alarm.get("AlarmDescription"))
                .contains(" Runbook: https://github.com/example/cruddur/blob/main/infra/README-ops.md#alarm-"));
    }

    @Test
    void anExistingTopicReceivesEveryAlarmAndTheStackCreatesNoTopicAndNoKey() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(StackConfig.ALARM_TOPIC_ARN, EXISTING_TOPIC);

        Template withTopic = Template.fromStack(Synth.stack(context));

        withTopic.resourceCountIs("AWS::SNS::Topic", 0);
        withTopic.resourceCountIs("AWS::SNS::TopicPolicy", 0);
        withTopic.resourceCountIs("AWS::KMS::Key", 0);
        assertThat(alarmsByName(withTopic).values()).hasSize(EXPECTED.size()).allSatisfy(alarm -> {
            assertThat(alarm.get("AlarmActions")).isEqualTo(List.of(EXISTING_TOPIC));
            assertThat(alarm.get("OKActions")).isEqualTo(List.of(EXISTING_TOPIC));
        });
        assertThat(Synth.<Object>get(withTopic.toJSON(), "Outputs", "AlarmTopicArn", "Value")).isEqualTo(EXISTING_TOPIC);
    }

    private static void assertThrottleAlarms(Template template, Object tableName) {
        Map<String, Map<String, Object>> byName = alarmsByName(template);
        Map<String, Object> tableOnly = Map.of("Name", "TableName", "Value", tableName);
        Map<String, Object> index = Map.of("Name", "GlobalSecondaryIndexName", "Value", "message-group-sk-index");

        assertThat(throttleExpression(byName.get(InfraApp.STACK_NAME + "-TableThrottles")))
                .isEqualTo(Map.of("reads ReadThrottleEvents", List.of(tableOnly), "writes WriteThrottleEvents", List.of(tableOnly)));
        assertThat(throttleExpression(byName.get(InfraApp.STACK_NAME + "-IndexThrottles")))
                .isEqualTo(Map.of("reads ReadThrottleEvents", List.of(index, tableOnly),
                        "writes WriteThrottleEvents", List.of(index, tableOnly)));
    }

    /** The expression's inputs, "id MetricName" to dimensions, after checking the expression adds them up. */
    private static Map<String, Object> throttleExpression(Map<String, Object> alarm) {
        List<Object> metrics = Synth.list(alarm.get("Metrics"));
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Object metric : metrics) {
            if (get(metric, "Expression") != null) {
                assertThat(Synth.<Object>get(metric, "Expression")).isEqualTo("FILL(reads, 0) + FILL(writes, 0)");
                assertThat(Synth.<Object>get(metric, "ReturnData")).isEqualTo(true);
            } else {
                assertThat(Synth.<Object>get(metric, "ReturnData")).isEqualTo(false);
                inputs.put(get(metric, "Id") + " " + get(metric, "MetricStat", "Metric", "MetricName"),
                        get(metric, "MetricStat", "Metric", "Dimensions"));
            }
        }
        assertThat(metrics).hasSize(3);
        return inputs;
    }

    private static Map<String, Object> metric(String name) {
        return get(Synth.list(alarms.get(InfraApp.STACK_NAME + "-" + name).get("Metrics")).getFirst(), "MetricStat", "Metric");
    }

    /** The Properties of every alarm, by AlarmName, in template order. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> alarmsByName(Template template) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        Synth.resources(template, "AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            Map<String, Object> properties = (Map<String, Object>) alarm.get("Properties");
            byName.put((String) properties.get("AlarmName"), properties);
        });
        return byName;
    }

    /** The explicit anchors of a markdown file: {@code <a id="..."></a>}. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher anchor = Pattern.compile("<a id=\"([a-z0-9-]+)\"></a>").matcher(markdown);
        while (anchor.find()) {
            assertThat(anchors.add(anchor.group(1))).as("anchor %s defined once", anchor.group(1)).isTrue();
        }
        return anchors;
    }
}
