package com.cruddur.messaging.local.ops;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.local.CliCommand.Io;
import com.cruddur.messaging.local.HandlerReport;
import com.cruddur.messaging.local.Invoker;
import com.cruddur.messaging.local.LambdaEvents;
import com.cruddur.messaging.local.Plural;
import com.cruddur.messaging.local.Style;
import com.cruddur.messaging.local.mapping.EventFilter;
import com.cruddur.messaging.local.mapping.FailureObject;
import com.cruddur.messaging.local.mapping.LocalEventSourceMapping;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.ConversationCheck;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One failure object's records applied, with no stream involved: the payload's records through the
 * deployed filter, brought up to date from the table ({@link CurrentMessages}), then delivered to
 * the deployed handler class in batches of {@link DeploymentContract#BATCH_SIZE} with the mapping's
 * retry of batch item failures ({@link LocalEventSourceMapping}); or, for a dry run, what the
 * handler's planner would do with them. Says what it did, line by line, and what it came to.
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

    /** How many conversation ids or message keys a line names before it says "and N more". */
    private static final int IDS_SHOWN = 10;

    private final String table;
    private final DynamoDbClient reader;
    private final Invoker invoker;
    private final ConversationCheck rows;
    private final int maxRetries;
    private final Io io;

    /**
     * @param reader  the client of the consistent re-reads
     * @param invoker the deployed handler; null for a dry run
     * @param rows    the handler's check of the conversations, for a dry run's plan
     */
    ObjectRedrive(String table, DynamoDbClient reader, Invoker invoker, ConversationCheck rows, int maxRetries, Io io) {
        this.table = table;
        this.reader = reader;
        this.invoker = invoker;
        this.rows = rows;
        this.maxRetries = maxRetries;
        this.io = io;
    }

    Outcome redrive(FailureObject failure) {
        PrintStream out = io.out();
        Style style = io.style();
        if (failure.tableName() == null) {
            out.println("  its streamArn is not a DynamoDB stream's ARN: not records of a DynamoDB stream");
            return Outcome.UNUSABLE;
        }
        if (!table.equals(failure.tableName())) {
            out.println("  records of table " + failure.tableName() + "'s stream, not " + table + "'s: run redrive with"
                    + " --table " + failure.tableName());
            return Outcome.UNUSABLE;
        }
        List<JsonNode> passed = failure.records().stream().filter(EventFilter.DEPLOYED::matches).toList();
        int filteredOut = failure.records().size() - passed.size();
        out.println("  payload: " + Plural.of(failure.records().size(), "record") + " " + style.dot() + " "
                + filteredOut + " filtered out" + (filteredOut == 0 ? "" : " (not an INSERT or MODIFY of a MSG# item)"));
        CurrentMessages.Result current = CurrentMessages.reread(passed, reader, table);
        if (!passed.isEmpty()) {
            out.println("  re-read: " + Plural.of(current.records().size(), "record") + " as the table holds its"
                    + " message now " + style.dot() + " " + current.deleted().size() + " deleted since, skipped"
                    + shown(current.deleted()) + " " + style.dot() + " " + current.changed() + " changed since");
        }
        if (current.records().isEmpty()) {
            out.println("  nothing to apply");
            return invoker == null ? Outcome.WOULD_APPLY : Outcome.APPLIED;
        }
        return invoker == null ? dryRun(current.records()) : apply(failure, current.records());
    }

    /** Delivers the records as the mapping would, in batches of its size, retrying batch item failures. */
    private Outcome apply(FailureObject failure, List<JsonNode> records) {
        PrintStream out = io.out();
        Style style = io.style();
        LocalEventSourceMapping mapping = new LocalEventSourceMapping(invoker::invoke, EventFilter.DEPLOYED,
                failure.streamArn(),
                // Old records are the point here: no maximum age.
                LocalEventSourceMapping.Settings.DEPLOYED.withMaxRetries(maxRetries).withMaxRecordAge(null),
                LocalEventSourceMapping.OnFailure.NONE);
        Set<String> updated = new TreeSet<>();
        Set<String> upToDate = new TreeSet<>();
        Set<String> causes = new LinkedHashSet<>();
        int invocations = 0;
        int givenUp = 0;
        for (int from = 0; from < records.size(); from += DeploymentContract.BATCH_SIZE) {
            List<JsonNode> batch = records.subList(from, Math.min(records.size(), from + DeploymentContract.BATCH_SIZE));
            LocalEventSourceMapping.Delivery delivery = mapping.deliver(failure.shardId(), batch,
                    new LocalEventSourceMapping.Listener() {
                        @Override
                        public void invoked(int retry, int count, InvocationReport report) {
                            HandlerReport.print(out, "  " + (retry > 0 ? "retry " + retry + ": " : "")
                                    + Plural.of(count, "record") + " " + style.dot() + " ", report, style);
                            for (GroupOutcome group : report.groups()) {
                                String id = group.messageGroupUuid();
                                if (group.failed()) {
                                    causes.add(group.failure());
                                } else if (group.updated()) {
                                    updated.add(id);
                                } else {
                                    upToDate.add(id);
                                }
                            }
                        }

                        @Override
                        public void functionError(int retry, int count, RuntimeException error) {
                            out.println("  " + (retry > 0 ? "retry " + retry + ": " : "") + Plural.of(count, "record")
                                    + " " + style.dot() + " the handler failed: " + error.getClass().getSimpleName()
                                    + ": " + Style.firstLine(error.getMessage()));
                            causes.add(error.getClass().getSimpleName());
                        }
                    });
            invocations += delivery.invocations().size();
            givenUp += delivery.recordsGivenUp();
        }
        upToDate.removeAll(updated);
        out.println("  applied " + Plural.of(records.size() - givenUp, "record") + " of " + records.size() + " in "
                + Plural.of(invocations, "invocation") + " " + style.dot() + " "
                + Plural.of(updated.size(), "conversation") + " updated" + shown(updated) + " " + style.dot() + " "
                + upToDate.size() + " already up to date");
        if (givenUp > 0) {
            out.println("  " + Plural.of(givenUp, "record") + " still failing after "
                    + Plural.of(maxRetries, "retry", "retries") + ": " + String.join("; ", causes));
            return Outcome.FAILURES_REMAIN;
        }
        return Outcome.APPLIED;
    }

    /** What delivering the records would do, by the handler's decoder, coalescing and planner on the rows as they are. */
    private Outcome dryRun(List<JsonNode> records) {
        DynamodbEvent event = LambdaEvents.deserialize(("{\"Records\":[" + records.stream().map(JsonNode::toString)
                .collect(Collectors.joining(",")) + "]}").getBytes(StandardCharsets.UTF_8));
        Set<String> toUpdate = new TreeSet<>();
        int rowsToWrite = 0;
        int upToDate = 0;
        for (ConversationCheck.Result check : rows.check(event)) {
            if (check.needsWork()) {
                toUpdate.add(check.messageGroupUuid());
                rowsToWrite += check.rowsToWrite();
            } else {
                upToDate++;
            }
        }
        int invocations = (records.size() + DeploymentContract.BATCH_SIZE - 1) / DeploymentContract.BATCH_SIZE;
        Style style = io.style();
        io.out().println("  dry run: would apply " + Plural.of(records.size(), "record") + " in "
                + Plural.of(invocations, "invocation") + " " + style.dot() + " "
                + Plural.of(toUpdate.size(), "conversation") + " to update" + shown(toUpdate) + " ("
                + Plural.of(rowsToWrite, "row") + " to write) " + style.dot() + " " + upToDate + " already up to date");
        return Outcome.WOULD_APPLY;
    }

    private static String shown(Iterable<String> ids) {
        List<String> all = new ArrayList<>();
        ids.forEach(all::add);
        if (all.isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", all.subList(0, Math.min(IDS_SHOWN, all.size())))
                + (all.size() > IDS_SHOWN ? " and " + (all.size() - IDS_SHOWN) + " more" : "");
    }
}
