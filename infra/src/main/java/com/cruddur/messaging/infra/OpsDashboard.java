package com.cruddur.messaging.infra;

import com.cruddur.messaging.infra.StreamMetrics.MappingMetrics;
import com.cruddur.messaging.schema.DeploymentContract.Metrics;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.PeriodOverride;
import software.amazon.awscdk.services.cloudwatch.Row;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.constructs.Construct;

/**
 * The CloudWatch dashboard {@code <stack name>}: the state of every alarm, then what the stream
 * processor did (records, messages, conversations updated and failed, malformed records), how far
 * behind it is (iterator age), how long a batch takes (p50/p99), how often it retries, what the event
 * source mapping polled, filtered, invoked and gave up on, whether the handler's EMF metrics arrive,
 * and DynamoDB's consumed and throttled capacity for the table and the group index. One-minute
 * periods; its JSON is built in code, the same on every synth.
 */
final class OpsDashboard extends Construct {

    private static final Duration MINUTE = Duration.minutes(1);
    // The alarm's own period: an invocation logs its EMF metrics a moment after it starts, so a minute's
    // comparison would show the boundary, not silence.
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    private final Dashboard dashboard;

    OpsDashboard(Construct scope, String id, StreamMetrics metrics, List<? extends IAlarm> alarms) {
        super(scope, id);
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(Stack.of(this).getStackName())
                .start("-PT6H")
                .periodOverride(PeriodOverride.AUTO)
                .build();

        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms (runbook: infra/README-ops.md, \"Alarms and runbook\")")
                .alarms(List.copyOf(alarms))
                .width(24)
                .height(3)
                .build());
        dashboard.addWidgets(new Row(
                graph("Records and messages processed (per minute)", List.of(
                        metrics.custom(Metrics.RECORDS, "Sum", MINUTE),
                        metrics.custom(Metrics.MESSAGES, "Sum", MINUTE),
                        metrics.custom(Metrics.GROUPS, "Sum", MINUTE),
                        metrics.custom(Metrics.GROUPS_UPDATED, "Sum", MINUTE)), null),
                graph("Conversations failed, records skipped as malformed", List.of(
                        metrics.custom(Metrics.GROUPS_FAILED, "Sum", MINUTE),
                        metrics.custom(Metrics.MALFORMED_RECORDS, "Sum", MINUTE)), null),
                graph("Iterator age (ms, maximum)", List.of(
                        metrics.lambda("IteratorAge", "Maximum", MINUTE)),
                        HorizontalAnnotation.builder()
                                .value(StreamAlarms.ITERATOR_AGE_ALARM_MS)
                                .label("IteratorAge alarm")
                                .build())));
        dashboard.addWidgets(new Row(
                graph("Batch duration (ms): handler p50/p99, Lambda p99", List.of(
                        metrics.custom(Metrics.DURATION_MS, "p50", MINUTE),
                        metrics.custom(Metrics.DURATION_MS, "p99", MINUTE),
                        metrics.lambda("Duration", "p99", MINUTE)), null),
                graph("Retries (conversation attempts after the first) and rows written", List.of(
                        metrics.custom(Metrics.ATTEMPTS, "Sum", MINUTE),
                        metrics.custom(Metrics.ROWS_RECREATED, "Sum", MINUTE),
                        metrics.custom(Metrics.STALE_ROWS, "Sum", MINUTE)), null),
                graph("Invocations, errors, throttles, destination delivery failures", List.of(
                        metrics.lambda("Invocations", "Sum", MINUTE),
                        metrics.lambda("Errors", "Sum", MINUTE),
                        metrics.lambda("Throttles", "Sum", MINUTE),
                        metrics.lambda("DestinationDeliveryFailures", "Sum", MINUTE)), null)));
        dashboard.addWidgets(new Row(
                graph("Event source mapping: records polled, filtered out, invoked, in failed invocations", List.of(
                        metrics.mapping(MappingMetrics.POLLED, "Sum", MINUTE),
                        metrics.mapping(MappingMetrics.FILTERED_OUT, "Sum", MINUTE),
                        metrics.mapping(MappingMetrics.INVOKED, "Sum", MINUTE),
                        metrics.mapping(MappingMetrics.FAILED_INVOKE, "Sum", MINUTE)), null),
                graph("Records given up on: in the failure bucket, dropped", List.of(
                        metrics.mapping(MappingMetrics.DELIVERED_TO_FAILURE_DESTINATION, "Sum", MINUTE),
                        metrics.mapping(MappingMetrics.DROPPED, "Sum", MINUTE)), null),
                graph("Invocations without EMF metrics (5 min)", List.of(
                        metrics.emfMetricsMissing(FIVE_MINUTES)), null)));
        dashboard.addWidgets(new Row(
                graph("DynamoDB consumed capacity units (per minute)", List.of(
                        metrics.table("ConsumedReadCapacityUnits", "Sum", MINUTE),
                        metrics.table("ConsumedWriteCapacityUnits", "Sum", MINUTE),
                        metrics.index("ConsumedReadCapacityUnits", "Sum", MINUTE),
                        metrics.index("ConsumedWriteCapacityUnits", "Sum", MINUTE)), null),
                graph("DynamoDB throttle events", List.of(
                        metrics.table("ReadThrottleEvents", "Sum", MINUTE),
                        metrics.table("WriteThrottleEvents", "Sum", MINUTE),
                        metrics.index("ReadThrottleEvents", "Sum", MINUTE),
                        metrics.index("WriteThrottleEvents", "Sum", MINUTE)), null),
                graph("Mapping polls (SampleCount; none: not polling)", List.of(
                        metrics.mapping(MappingMetrics.POLLED, "SampleCount", MINUTE)), null)));
    }

    Dashboard dashboard() {
        return dashboard;
    }

    private static IWidget graph(String title, List<IMetric> left, HorizontalAnnotation annotation) {
        GraphWidget.Builder graph = GraphWidget.Builder.create()
                .title(title)
                .left(left)
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .width(8)
                .height(6);
        if (annotation != null) {
            graph.leftAnnotations(List.of(annotation));
        }
        return graph.build();
    }
}
