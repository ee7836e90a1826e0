package com.cruddur.messaging.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.lambda.IAlias;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The alarms ops watch: lag, failed invocations, and records given up on. They have no actions
 * yet; {@link #alarms()} lists them for whoever subscribes a topic or a pager to them.
 */
final class StreamAlarms extends Construct {

    /** Iterator age (ms) above which conversation lists are considered to lag. */
    static final int ITERATOR_AGE_ALARM_MS = 60_000;

    private static final String NO_ACTION_REASON = "The alarm has no action yet: ops subscribe their SNS topic or "
            + "pager to it (infra/README-ops.md). Remove this suppression when the stack gets its alarm topic.";

    private final List<Alarm> alarms = new ArrayList<>();

    StreamAlarms(Construct scope, String id, IAlias alias, IQueue failureDestination) {
        super(scope, id);
        add("IteratorAgeAlarm",
                "Conversation lists lag: the oldest stream record waited over a minute for five minutes. "
                        + "Check the handler's errors and DynamoDB throttling.",
                alias.metric("IteratorAge", period("Maximum", Duration.minutes(1))),
                ITERATOR_AGE_ALARM_MS, ComparisonOperator.GREATER_THAN_THRESHOLD, 5);
        add("FunctionErrorsAlarm",
                "The stream handler failed a whole invocation (crash or timeout); Lambda bisects and retries "
                        + "the batch. See the function's log group.",
                alias.metricErrors(period("Sum", Duration.minutes(5))),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
        add("FailureDestinationAlarm",
                "Stream records were given up on and their ranges sent to the failure destination: replay them "
                        + "within 24 hours (infra/README-ops.md).",
                failureDestination.metricApproximateNumberOfMessagesVisible(period("Maximum", Duration.minutes(5))),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1);
    }

    /** Every alarm of the stack, in the order they were defined. */
    List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** An alarm on a metric; missing data (no traffic) is not a breach. */
    private Alarm add(String id, String description, IMetric metric, int threshold, ComparisonOperator comparison,
                      int evaluationPeriods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(evaluationPeriods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Suppressions.guard(alarm, "cloudwatch_alarm_action_check", NO_ACTION_REASON);
        alarms.add(alarm);
        return alarm;
    }

    private static MetricOptions period(String statistic, Duration period) {
        return MetricOptions.builder().statistic(statistic).period(period).build();
    }
}
