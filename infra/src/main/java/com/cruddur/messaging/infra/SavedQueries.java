package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract.LogEvents;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.CfnQueryDefinition;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * CloudWatch Logs Insights queries saved on the function's log group, in the folder
 * {@code <stack name>/} of the Logs Insights console. They read the handler's JSON lines, whose
 * fields are at the top level beside the runtime's {@code timestamp}, {@code level} and
 * {@code AWSRequestId} ({@code event} = batch_processed, malformed_record, group_update_failed, ...;
 * ids and counts), and Lambda's own {@code platform.report} lines. The runbook
 * (infra/README-ops.md) quotes each text; a test keeps the two the same.
 */
final class SavedQueries extends Construct {

    /** Conversations reported failed, by cause: what to fix first. */
    static final String FAILED_GROUPS_BY_CAUSE = """
            filter %s = "%s"
            | stats count(*) as failures, count_distinct(messageGroupUuid) as conversations, max(attempts) as maxAttempts by cause
            | sort failures desc""".formatted(LogEvents.MEMBER, LogEvents.GROUP_UPDATE_FAILED);

    /** Every skipped record, named by its stream position and its problem: what to look up or replay. */
    static final String MALFORMED_RECORDS = """
            fields @timestamp, eventID, sequenceNumber, problem, AWSRequestId
            | filter %s = "%s"
            | sort @timestamp desc
            | limit 200""".formatted(LogEvents.MEMBER, LogEvents.MALFORMED_RECORD);

    /** The slowest invocations of the time range, with the batch's size and the environment's state. */
    static final String SLOW_BATCHES = """
            fields @timestamp, durationMs, records, groupsFailed, functionVersion, restoredFromSnapshot, AWSRequestId
            | filter %s = "%s"
            | sort durationMs desc
            | limit 50""".formatted(LogEvents.MEMBER, LogEvents.BATCH_PROCESSED);

    /**
     * Cold starts restored from the SnapStart snapshot, per hour. Under the JSON log format Lambda's
     * REPORT line is a {@code platform.report} object whose {@code record.metrics.restoreDurationMs} is
     * present on the first invocation of a restored environment (Lambda developer guide, "Telemetry
     * API Event schema reference", ReportMetrics; "Monitoring for Lambda SnapStart": a cold start takes
     * Restore Duration + Duration).
     */
    static final String SNAPSTART_RESTORES = """
            filter type = "platform.report" and ispresent(record.metrics.restoreDurationMs)
            | stats count(*) as restores, pct(record.metrics.restoreDurationMs, 50) as restoreP50Ms, pct(record.metrics.restoreDurationMs, 99) as restoreP99Ms, max(record.metrics.restoreDurationMs) as restoreMaxMs, pct(record.metrics.restoreDurationMs + record.metrics.durationMs, 99) as coldStartP99Ms by bin(1h)""";

    /** A saved query: its construct id, its name in the console (after the folder), its text. */
    record Query(String id, String name, String text) {
    }

    private final List<CfnQueryDefinition> definitions;

    SavedQueries(Construct scope, String id, ILogGroup functionLogs) {
        super(scope, id);
        definitions = queries().stream().map(query -> CfnQueryDefinition.Builder.create(this, query.id())
                .name(Stack.of(this).getStackName() + "/" + query.name())
                .queryString(query.text())
                .logGroupNames(List.of(functionLogs.getLogGroupName()))
                .build()).toList();
    }

    /** The saved queries, in the console's order. */
    static List<Query> queries() {
        return List.of(
                new Query("FailedGroupsByCause", "Failed conversations by cause", FAILED_GROUPS_BY_CAUSE),
                new Query("MalformedRecords", "Malformed records", MALFORMED_RECORDS),
                new Query("SlowBatches", "Slow batches", SLOW_BATCHES),
                new Query("SnapStartRestores", "SnapStart restore durations", SNAPSTART_RESTORES));
    }

    List<CfnQueryDefinition> definitions() {
        return definitions;
    }
}
