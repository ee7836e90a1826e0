package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The alarms on-call is told about: each sends ALARM and OK to the alarm topic, is named
 * {@code <stack>-<name>}, and its description says what it means and links its runbook section,
 * {@code <runbookUrl>#alarm-<name in kebab case>} (infra/README-ops.md, "Alarms and runbook").
 *
 * <p>Missing data is never a breach: every metric here has datapoints only while something happens
 * (the function is invoked, a message is sent, a request is throttled), and a quiet stream is healthy.
 * The consequence, stated in the runbook: no alarm fires if the mapping stops invoking the function.
 */
final class StreamAlarms extends Construct {

    /** Iterator age (ms) above which conversation lists are considered to lag. */
    static final int ITERATOR_AGE_ALARM_MS = 60_000;

    private static final Duration ONE_MINUTE = Duration.minutes(1);
    private static final Duration FIVE_MINUTES = Duration.minutes(5);

    private final ITopic topic;
    private final String runbookUrl;
    private final List<Alarm> alarms = new ArrayList<>();

    StreamAlarms(Construct scope, String id, StreamMetrics metrics, ITopic topic, String runbookUrl) {
        super(scope, id);
        this.topic = topic;
        this.runbookUrl = runbookUrl;

        // The function's own verdicts (EMF, one value per invocation). Each conversation reported failed has
        // already had GROUP_MAX_ATTEMPTS attempts with back-off inside the invocation, and a malformed record
        // is skipped for good, so the first one is worth a notification. Five-minute periods: the metrics
        // have one-minute resolution, but a sporadic failure would otherwise send ALARM and OK every minute.
        add("GroupsFailed", "Conversations could not be brought up to date: after its own retries the handler "
                        + "reported them in batchItemFailures, and Lambda retries them from the first failed record. "
                        + "Until then those conversation lists are stale; after 5 retries or an hour the records go "
                        + "to the failure queue.",
                metrics.custom(DeploymentContract.Metrics.GROUPS_FAILED, "Sum", FIVE_MINUTES),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1, 1);
        add("MalformedRecords", "Stream records the handler could not read were skipped (logged with eventID and "
                        + "sequenceNumber, never retried): their messages are in the table but not in any "
                        + "conversation list until the next message of that conversation.",
                metrics.custom(DeploymentContract.Metrics.MALFORMED_RECORDS, "Sum", FIVE_MINUTES),
                0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1, 1);

        // Lambda's view of the stream. IteratorAge is "the age of the last record in the event" when the
        // mapping sends a batch (Lambda developer guide, "Types of metrics for Lambda functions"), so its
        // maximum spikes on a retried batch or a restore; five consecutive minutes over a minute means the
        // lists are visibly stale, with 55 of the mapping's 60 minutes (MAX_RECORD_AGE) left to act.
        add("IteratorAge", "Conversation lists lag: the oldest stream record handed to the function had waited "
                        + "over a minute, in each of 5 consecutive minutes. At an hour (maximum record age) Lambda "
                        + "gives up on records and sends them to the failure queue.",
                metrics.lambda("IteratorAge", "Maximum", ONE_MINUTE),
                ITERATOR_AGE_ALARM_MS, ComparisonOperator.GREATER_THAN_THRESHOLD, 5, 5);
        // A function error (crash, timeout, out of memory) fails the whole batch: Lambda bisects and retries
        // it while the shard waits. The handler itself never fails an invocation on purpose, so one is news.
        add("FunctionErrors", "The stream handler failed whole invocations (an uncaught exception, a timeout, out "
                        + "of memory): Lambda halves the batch and retries it while the shard waits.",
                metrics.lambda("Errors", "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1);
        // A throttled batch is retried by the mapping and only delays the shard; a short burst of the
        // account's other functions should not page, throttling through ten minutes should.
        add("FunctionThrottles", "Lambda throttled the stream handler in two consecutive 5-minute periods: no "
                        + "concurrency left in the account (or the function's reserved concurrency). The shard "
                        + "waits and Lambda retries; the iterator age grows.",
                metrics.lambda("Throttles", "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 2, 2);
        // "For asynchronous invocation and supported event source mappings, the number of times that Lambda
        // attempts to send an event to a destination but fails" (same guide): a batch given up on whose
        // description never reached the failure queue. Each one loses track of records: notify at once.
        add("DestinationDeliveryFailures", "Lambda gave up on a batch and could not send its description to the "
                        + "failure queue (permissions, a deleted or full queue, size). Which records were lost is "
                        + "only in the logs, and they leave the stream 24 hours after they were written.",
                metrics.lambda("DestinationDeliveryFailures", "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1);

        // Messages SENT, not visible: ApproximateNumberOfMessagesVisible drops to 0 as soon as someone
        // receives the message. NumberOfMessagesSent counts every SendMessage, Lambda's included (only a
        // redrive to a dead-letter queue is not counted; SQS developer guide, "Available CloudWatch metrics
        // for Amazon SQS"). SQS publishes metrics only while a queue is active (six hours after any activity),
        // and a queue that wakes up can report late: 1 of 3 five-minute periods keeps a late datapoint in
        // the alarm's window. OK then means "nothing new for 15 minutes", not "replayed".
        add("FailureQueueMessagesSent", "Lambda gave up on stream records (retries exhausted, or older than an "
                        + "hour) and sent the batch's shard and sequence-number range to the failure queue. Replay "
                        + "them before they leave the stream, 24 hours after they were written.",
                metrics.failureQueue("NumberOfMessagesSent", "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 3, 1);

        // The SDK retries a throttled request with back-off and the handler retries a conversation, so a
        // throttled second is absorbed; throttling in 3 of 5 minutes is a hot key or a capacity limit.
        add("TableThrottles", "DynamoDB throttled reads or writes of the messages table in 3 of the last 5 "
                        + "minutes: the handler's group-row writes (and the app's message writes) are slowed and "
                        + "retried; conversations may be reported failed.",
                metrics.tableThrottleEvents(ONE_MINUTE),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 5, 3);
        add("IndexThrottles", "DynamoDB throttled the group index message-group-sk-index in 3 of the last 5 "
                        + "minutes: the handler's queries for a conversation's rows, or the index's copy of "
                        + "group-row writes (which then throttles the table write too).",
                metrics.indexThrottleEvents(ONE_MINUTE),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 5, 3);
    }

    /** Every alarm of the stack, in the order they were defined. */
    List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** What every alarm name of this stack starts with: {@code <stack name>-}. */
    static String alarmNamePrefix(IConstruct scope) {
        return Stack.of(scope).getStackName() + "-";
    }

    /** The runbook anchor of an alarm: {@code GroupsFailed} has {@code alarm-groups-failed}. */
    static String runbookAnchor(String name) {
        return "alarm-" + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private void add(String name, String meaning, IMetric metric, int threshold, ComparisonOperator comparison,
                     int evaluationPeriods, int datapointsToAlarm) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName(alarmNamePrefix(this) + name)
                .alarmDescription(meaning + " Runbook: " + runbookUrl + "#" + runbookAnchor(name))
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(datapointsToAlarm)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }
}
