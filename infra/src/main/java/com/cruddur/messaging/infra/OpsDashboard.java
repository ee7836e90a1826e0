package com.cruddur.messaging.infra;

import com.cruddur.messaging.infra.StreamMetrics.MappingMetric;
import com.cruddur.messaging.schema.DeploymentContract.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
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
                perMinute("Records and messages processed (per minute)", metrics::custom,
                        Metrics.RECORDS, Metrics.MESSAGES, Metrics.GROUPS, Metrics.GROUPS_UPDATED),
                perMinute("Conversations failed, records skipped as malformed", metrics::custom,
                        Metrics.GROUPS_FAILED, Metrics.MALFORMED_RECORDS),
                graph("Iterator age (ms, maximum)", List.of(metrics.lambda("IteratorAge", "Maximum", MINUTE)))
                        .leftAnnotations(List.of(HorizontalAnnotation.builder()
                                .value(StreamAlarms.ITERATOR_AGE_ALARM_MS)
                                .label("IteratorAge alarm")
                                .build()))
                        .build()));
        dashboard.addWidgets(new Row(
                graph("Batch duration (ms): handler p50/p99, Lambda p99", List.of(
                        metrics.custom(Metrics.DURATION_MS, "p50", MINUTE),
                        metrics.custom(Metrics.DURATION_MS, "p99", MINUTE),
                        metrics.lambda("Duration", "p99", MINUTE))).build(),
                perMinute("Retries (conversation attempts after the first) and rows written", metrics::custom,
                        Metrics.ATTEMPTS, Metrics.ROWS_RECREATED, Metrics.STALE_ROWS),
                perMinute("Invocations, errors, throttles, destination delivery failures", metrics::lambda,
                        "Invocations", "Errors", "Throttles", "DestinationDeliveryFailures")));
        dashboard.addWidgets(new Row(
                perMinute("Event source mapping: records polled, filtered out, invoked, in failed invocations",
                        metrics::mapping, MappingMetric.POLLED, MappingMetric.FILTERED_OUT, MappingMetric.INVOKED,
                        MappingMetric.FAILED_INVOKE),
                perMinute("Records given up on: in the failure bucket, dropped", metrics::mapping,
                        MappingMetric.DELIVERED_TO_FAILURE_DESTINATION, MappingMetric.DROPPED),
                graph("Invocations without EMF metrics (5 min)", List.of(metrics.emfMetricsMissing(FIVE_MINUTES)))
                        .build()));
        dashboard.addWidgets(new Row(
                tableAndIndex("DynamoDB consumed capacity units (per minute)", metrics,
                        "ConsumedReadCapacityUnits", "ConsumedWriteCapacityUnits"),
                tableAndIndex("DynamoDB throttle events", metrics, "ReadThrottleEvents", "WriteThrottleEvents"),
                graph("Mapping polls (SampleCount; none: not polling)", List.of(
                        metrics.mapping(MappingMetric.POLLED, "SampleCount", MINUTE))).build()));
    }

    Dashboard dashboard() {
        return dashboard;
    }

    /** A metric of one source by name: {@code (name, statistic, period) -> metric}. */
    private interface Source<T> {
        IMetric metric(T name, String statistic, Duration period);
    }

    /** A graph of each metric's sum per minute. */
    @SafeVarargs
    private static <T> IWidget perMinute(String title, Source<T> source, T... names) {
        return graph(title, sums(source, names)).build();
    }

    @SafeVarargs
    private static <T> List<IMetric> sums(Source<T> source, T... names) {
        return Arrays.stream(names).map(name -> source.metric(name, "Sum", MINUTE)).toList();
    }

    /** The table's and then the index's sum per minute of each DynamoDB metric named. */
    private static IWidget tableAndIndex(String title, StreamMetrics metrics, String... names) {
        List<IMetric> all = new ArrayList<>(sums(metrics::table, names));
        all.addAll(sums(metrics::index, names));
        return graph(title, all).build();
    }

    private static GraphWidget.Builder graph(String title, List<IMetric> left) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(left)
                .leftYAxis(YAxisProps.builder().min(0).showUnits(false).build())
                .width(8)
                .height(6);
    }
}
