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
 * <p>Missing data is not a breach: almost every metric here has datapoints only while something
 * happens (the function is invoked, a record is given up on, a request is throttled), and a quiet
 * stream is healthy. Two alarms watch for silence instead: MappingNotPolling (the mapping reports
 * every poll, an empty one as 0, so no datapoint at all means it stopped polling) and
 * EmfMetricsMissing (invocations whose EMF metrics never arrived, so the two alarms on the handler's
 * own metrics would be blind).
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
                        + "Until then those conversation lists are stale; after 5 retries or an hour the batch goes "
                        + "to the failure bucket.",
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
                        + "gives up on records and puts them in the failure bucket.",
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
        // attempts to send an event to a destination but fails" (same guide): a batch given up on that never
        // reached the failure bucket. Those records are lost to redrive: notify at once.
        add("DestinationDeliveryFailures", "Lambda gave up on a batch and could not put it in the failure bucket "
                        + "(permissions, a deleted bucket, its key). Those records are in no failure object; they leave "
                        + "the stream 24 hours after they were written, and reconcile brings the lists up to date.",
                metrics.lambda("DestinationDeliveryFailures", "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1);

        // The mapping's own counts (MetricsConfig EventCount; Lambda developer guide, "Event source mapping
        // metrics"), per mapping. OnFailureDestinationDeliveredEventCount: records given up on (5 retries, or
        // older than an hour) and delivered to the failure bucket, whole: each one is a conversation list left
        // behind until someone redrives it, so the first one notifies. Lambda emits it only when the delivery
        // succeeded; a failed delivery counts in DroppedEventCount and DestinationDeliveryFailures instead.
        add("FailureDestinationDeliveries", "Lambda gave up on stream records (5 retries exhausted, or older than an "
                        + "hour) and put the batch, whole, in the failure bucket. Their conversation lists stay behind "
                        + "until the batch is redriven from the bucket (within the bucket's retention).",
                metrics.mapping(StreamMetrics.MappingMetric.DELIVERED_TO_FAILURE_DESTINATION, "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1);
        // DroppedEventCount: records given up on that are NOT in the failure bucket (it "excludes events that you
        // send to an on-failure destination"; a failed delivery adds its records here). Nothing to redrive them
        // from: the one recovery is reconcile, from the table's messages.
        add("DroppedEvents", "Lambda gave up on stream records and they did not reach the failure bucket: no failure "
                        + "object holds them. Their conversation lists stay behind until reconcile repairs them from the "
                        + "table's messages.",
                metrics.mapping(StreamMetrics.MappingMetric.DROPPED, "Sum", FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1, 1);

        // Silence, 1: the mapping emits PolledEventCount for every poll, "0 for an empty poll", and nothing while
        // it is disabled (same guide). No datapoint in 15 minutes (missing data breaching, three periods) means
        // the mapping stopped polling: disabled, deleted, or unable to read the stream.
        add("MappingNotPolling", "The event source mapping reported no poll of the stream for 15 minutes (it reports "
                        + "every poll, an empty one as 0): it is disabled, deleted or failing to read the stream, and no "
                        + "message reaches any conversation list.",
                metrics.mapping(StreamMetrics.MappingMetric.POLLED, "SampleCount", FIVE_MINUTES),
                1, ComparisonOperator.LESS_THAN_THRESHOLD, 3, 3, TreatMissingData.BREACHING);
        // Silence, 2: GroupsFailed and MalformedRecords read EMF metrics that CloudWatch Logs extracts from the
        // function's log lines; if extraction stops, they see nothing and never fire. Every invocation that
        // returns writes one EMF document, so invocations without one mean extraction stopped. Two consecutive
        // five-minute periods: an invocation at the end of one period logs its metrics in the next, which a
        // single period would take for silence.
        add("EmfMetricsMissing", "The stream handler was invoked and returned, but none of its EMF metrics (written in "
                        + "every invocation's log) arrived for 10 minutes: CloudWatch Logs is not extracting them, and the "
                        + "GroupsFailed and MalformedRecords alarms cannot fire.",
                metrics.emfMetricsMissing(FIVE_MINUTES),
                1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 2, 2);

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
        add(name, meaning, metric, threshold, comparison, evaluationPeriods, datapointsToAlarm,
                TreatMissingData.NOT_BREACHING);
    }

    private void add(String name, String meaning, IMetric metric, int threshold, ComparisonOperator comparison,
                     int evaluationPeriods, int datapointsToAlarm, TreatMissingData missingData) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName(alarmNamePrefix(this) + name)
                .alarmDescription(meaning + " Runbook: " + runbookUrl + "#" + runbookAnchor(name))
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(evaluationPeriods)
                .datapointsToAlarm(datapointsToAlarm)
                .treatMissingData(missingData)
                .build();
        alarm.addAlarmAction(new SnsAction(topic));
        alarm.addOkAction(new SnsAction(topic));
        alarms.add(alarm);
    }
}
