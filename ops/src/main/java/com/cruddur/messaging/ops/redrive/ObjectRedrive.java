package com.cruddur.messaging.ops.redrive;

import com.cruddur.messaging.ops.Invoker;
import com.cruddur.messaging.ops.LambdaEvents;
import com.cruddur.messaging.ops.delivery.DeliverySettings;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.ops.delivery.MappingDelivery;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.Batches;
import com.cruddur.messaging.stream.ConversationCheck;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One failure object's records applied, with no stream involved: the payload's records through the
 * deployed filter, brought up to date from the table ({@link CurrentMessages}), then delivered to
 * the deployed handler class as the mapping would ({@link MappingDelivery}: batches of the deployed
 * size, batch item failures retried); or, for a dry run, what the handler would do with them
 * ({@link ConversationCheck}). It decides; {@link RedriveReport} says what happened.
 */
final class ObjectRedrive {

    /** What became of an object's records. */
    enum Outcome {
        /** All applied (or nothing left to apply): the object may go. */
        APPLIED,
        /** A dry run: they would be applied. */
        WOULD_APPLY,
        /** Batch item failures remain after the retries. */
        FAILURES_REMAIN,
        /** Not records this table's handler can take. */
        UNUSABLE
    }

    private final String table;
    private final DynamoDbClient reader;
    private final Invoker invoker;
    private final ConversationCheck check;
    private final int maxRetries;
    private final RedriveReport report;

    /**
     * @param reader  the client of the consistent re-reads
     * @param invoker the deployed handler; null for a dry run
     * @param check   the handler's check of the conversations, for a dry run's plan
     */
    ObjectRedrive(String table, DynamoDbClient reader, Invoker invoker, ConversationCheck check, int maxRetries,
                  RedriveReport report) {
        this.table = table;
        this.reader = reader;
        this.invoker = invoker;
        this.check = check;
        this.maxRetries = maxRetries;
        this.report = report;
    }

    Outcome redrive(FailureObject failure) {
        if (failure.tableName() == null) {
            report.otherTable("its streamArn is not a DynamoDB stream's ARN: not records of a DynamoDB stream");
            return Outcome.UNUSABLE;
        }
        if (!table.equals(failure.tableName())) {
            report.otherTable("records of table " + failure.tableName() + "'s stream, not " + table + "'s: run redrive"
                    + " with --table " + failure.tableName());
            return Outcome.UNUSABLE;
        }
        List<JsonNode> passed = failure.records().stream().filter(EventFilter.DEPLOYED::matches).toList();
        report.payload(failure.records().size(), failure.records().size() - passed.size());
        CurrentMessages.Result current = CurrentMessages.reread(passed, reader, table);
        if (!passed.isEmpty()) {
            report.reread(current);
        }
        if (current.records().isEmpty()) {
            report.nothingToApply();
            return invoker == null ? Outcome.WOULD_APPLY : Outcome.APPLIED;
        }
        return invoker == null ? dryRun(current.records()) : apply(failure, current.records());
    }

    /** Delivers the records as the mapping would, in batches of its size, retrying batch item failures. */
    private Outcome apply(FailureObject failure, List<JsonNode> records) {
        MappingDelivery mapping = new MappingDelivery(invoker::invoke, EventFilter.DEPLOYED, failure.streamArn(),
                // Old records are the point here: no maximum age.
                DeliverySettings.DEPLOYED.withMaxRetries(maxRetries).withMaxRecordAge(null),
                MappingDelivery.OnFailure.NONE);
        Set<String> updated = new TreeSet<>();
        Set<String> upToDate = new TreeSet<>();
        Set<String> causes = new LinkedHashSet<>();
        int invocations = 0;
        int givenUp = 0;
        for (List<JsonNode> batch : Batches.asDeployed(records)) {
            MappingDelivery.Result delivery = mapping.deliver(failure.shardId(), batch, new MappingDelivery.Listener() {
                @Override
                public void invoked(int retry, int count, InvocationReport invocation) {
                    report.invoked(retry, count, invocation);
                    for (GroupOutcome group : invocation.groups()) {
                        if (group.failed()) {
                            causes.add(group.failure());
                        } else {
                            (group.updated() ? updated : upToDate).add(group.messageGroupUuid());
                        }
                    }
                }

                @Override
                public void functionError(int retry, int count, RuntimeException error) {
                    report.functionError(retry, count, error);
                    causes.add(error.getClass().getSimpleName());
                }
            });
            invocations += delivery.invocations().size();
            givenUp += delivery.recordsGivenUp();
        }
        upToDate.removeAll(updated);
        report.applied(records.size() - givenUp, records.size(), invocations, List.copyOf(updated), upToDate.size());
        if (givenUp > 0) {
            report.stillFailing(givenUp, maxRetries, List.copyOf(causes));
            return Outcome.FAILURES_REMAIN;
        }
        return Outcome.APPLIED;
    }

    /** What delivering the records would do, by the handler's decoder, coalescing and planner on the rows as they are. */
    private Outcome dryRun(List<JsonNode> records) {
        List<String> toUpdate = new ArrayList<>();
        int rowsToWrite = 0;
        int upToDate = 0;
        for (ConversationCheck.Result conversation : check.check(LambdaEvents.of(records))) {
            if (conversation.needsWork()) {
                toUpdate.add(conversation.messageGroupUuid());
                rowsToWrite += conversation.rowsToWrite();
            } else {
                upToDate++;
            }
        }
        report.wouldApply(records.size(), Batches.asDeployed(records).size(), toUpdate.stream().sorted().toList(),
                rowsToWrite, upToDate);
        return Outcome.WOULD_APPLY;
    }
}
