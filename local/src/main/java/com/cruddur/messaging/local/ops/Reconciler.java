package com.cruddur.messaging.local.ops;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.local.Invoker;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamRecords;
import com.cruddur.messaging.stream.ConversationCheck;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@code reconcile}'s work. The check is read-only: it collects each conversation's newest message
 * and its conversation-list rows (from a scan of the whole table, or for one conversation), and
 * asks the handler's own planner what it would do ({@link ConversationCheck}). The repair writes
 * nothing itself: it hands the deployed handler class a stream record of each lagging
 * conversation's newest message, read again just before, in batches as the event source mapping
 * would, so the decoder, coalescing, planner, conditional transactions and retries are the
 * handler's. That is why it is safe beside the live function, and why running it again changes
 * nothing.
 */
final class Reconciler {

    /** What is wrong with a conversation. */
    enum Problem {
        /** Rows at an older sort key than its newest message. */
        BEHIND("behind"),
        /** Rows at its newest message's sort key with another text (a missed edit). */
        EDITED("edited"),
        /** More than one row of an owner. */
        DUPLICATE("duplicate"),
        /** Rows, but no message: nothing to bring them to, left alone. */
        ORPHAN("orphan"),
        /** Messages, but no row: the handler moves rows, it does not create them; left alone. */
        NO_ROWS("no-rows");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        /** Whether the handler, given the newest message, fixes it. */
        boolean fixable() {
            return this == BEHIND || this == EDITED || this == DUPLICATE;
        }
    }

    /**
     * One conversation that is not as its newest message says.
     *
     * @param group    the conversation
     * @param problems what is wrong
     * @param check    how its rows stand (null without a message or without rows)
     * @param rows     its rows
     */
    record Finding(String group, Set<Problem> problems, ConversationCheck.Result check, int rows) {

        boolean fixable() {
            return problems.stream().anyMatch(Problem::fixable);
        }
    }

    /**
     * The check's result.
     *
     * @param conversations conversations seen (with messages, rows or both)
     * @param healthy       conversations whose every row is at its newest message
     * @param findings      the others, by conversation id
     */
    record Diff(int conversations, int healthy, List<Finding> findings) {

        long count(Problem problem) {
            return findings.stream().filter(f -> f.problems().contains(problem)).count();
        }

        List<String> fixable() {
            return findings.stream().filter(Finding::fixable).map(Finding::group).toList();
        }
    }

    /**
     * What the repair did.
     *
     * @param fixed      conversations the handler wrote
     * @param current    conversations it found already right (the live function got there first)
     * @param failed     conversation ids it could not fix, with why
     * @param recreated  rows re-created
     * @param edited     rows edited
     * @param duplicates duplicate rows removed
     */
    record Applied(int fixed, int current, Map<String, String> failed, int recreated, int edited, int duplicates) {
    }

    /** Told how the repair goes, batch by batch. */
    @FunctionalInterface
    interface ApplyProgress {
        void applied(int done, int total, int fixed, int current, int failed);
    }

    private final Map<String, ConversationCheck.Newest> newest = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, AttributeValue>>> rows = new ConcurrentHashMap<>();

    /** Takes one item of the table (from the scanning threads). */
    void accept(Map<String, AttributeValue> item) {
        // What the handler's decoder would skip as malformed never decides a conversation.
        ConversationCheck.message(item).ifPresentOrElse(
                message -> newest.merge(message.messageGroupUuid(), message, (a, b) -> b.supersedes(a) ? b : a),
                () -> ConversationCheck.rowConversation(item).ifPresent(group -> rows.computeIfAbsent(group,
                        g -> Collections.synchronizedList(new ArrayList<>())).add(item)));
    }

    /** Takes one conversation's rows and its newest message, read directly (reconcile --group). */
    void accept(String group, Map<String, AttributeValue> newestMessage, Collection<Map<String, AttributeValue>> groupRows) {
        if (newestMessage != null) {
            accept(newestMessage);
        }
        rows.computeIfAbsent(group, g -> Collections.synchronizedList(new ArrayList<>())).addAll(groupRows);
    }

    /** Compares every conversation seen with its newest message. Pure. */
    Diff diff() {
        Set<String> groups = new TreeSet<>(newest.keySet());
        groups.addAll(rows.keySet());
        List<Finding> findings = new ArrayList<>();
        int healthy = 0;
        for (String group : groups) {
            ConversationCheck.Newest message = newest.get(group);
            List<Map<String, AttributeValue>> groupRows = rows.getOrDefault(group, List.of());
            if (message == null) {
                findings.add(new Finding(group, EnumSet.of(Problem.ORPHAN), null, groupRows.size()));
                continue;
            }
            if (groupRows.isEmpty()) {
                findings.add(new Finding(group, EnumSet.of(Problem.NO_ROWS), null, 0));
                continue;
            }
            ConversationCheck.Result check = ConversationCheck.of(message, groupRows);
            if (!check.needsWork()) {
                healthy++;
                continue;
            }
            Set<Problem> problems = EnumSet.noneOf(Problem.class);
            if (check.behind() > 0) {
                problems.add(Problem.BEHIND);
            }
            if (check.edits() > 0) {
                problems.add(Problem.EDITED);
            }
            if (check.duplicates() > 0) {
                problems.add(Problem.DUPLICATE);
            }
            findings.add(new Finding(group, problems, check, groupRows.size()));
        }
        return new Diff(groups.size(), healthy, List.copyOf(findings));
    }

    /**
     * Brings the conversations up to date through the deployed handler class: each one's newest
     * message is read again (strongly consistent, so a message written since the check is the one
     * used) and handed over as a stream record, {@link DeploymentContract#BATCH_SIZE} to an
     * invocation, as the event source mapping delivers them.
     */
    static Applied apply(List<String> groups, DynamoDbClient client, String table, Invoker invoker, ReadRate rate,
                         ApplyProgress progress) throws InterruptedException {
        int fixed = 0;
        int current = 0;
        int recreated = 0;
        int edited = 0;
        int duplicates = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        long sequence = 0;
        for (int from = 0; from < groups.size(); from += DeploymentContract.BATCH_SIZE) {
            List<String> batch = groups.subList(from, Math.min(groups.size(), from + DeploymentContract.BATCH_SIZE));
            List<DynamodbStreamRecord> records = new ArrayList<>();
            for (String group : batch) {
                Map<String, AttributeValue> message = newestMessage(client, table, group, rate);
                if (message == null) {
                    failed.put(group, "no message any more");
                    continue;
                }
                String text = string(message, MessagesTable.ATTR_MESSAGE);
                StreamRecords.Builder record = StreamRecords.message(group, string(message, MessagesTable.SK))
                        .sequenceNumber(String.format("%021d", ++sequence))
                        .eventId("reconcile-" + sequence);
                if (text != null) {
                    record.text(text);
                }
                String uuid = string(message, MessagesTable.ATTR_MESSAGE_UUID);
                if (uuid != null) {
                    record.messageUuid(uuid);
                }
                records.add(record.build());
            }
            if (!records.isEmpty()) {
                InvocationReport report = invoker.invoke(StreamRecords.batch(records));
                for (InvocationReport.Malformed malformed : report.malformed()) {
                    DynamodbStreamRecord record = records.get(malformed.position());
                    String pk = record.getDynamodb().getKeys().get(MessagesTable.PK).getS();
                    failed.put(pk.substring(MessagesTable.MESSAGE_PREFIX.length()), "its newest message is malformed: "
                            + malformed.problem());
                }
                for (GroupOutcome outcome : report.groups()) {
                    if (outcome.failed()) {
                        failed.put(outcome.messageGroupUuid(), outcome.failure());
                    } else if (outcome.updated()) {
                        fixed++;
                        recreated += outcome.recreated();
                        edited += outcome.edited();
                        duplicates += outcome.duplicatesRemoved();
                    } else {
                        current++;
                    }
                }
            }
            progress.applied(from + batch.size(), groups.size(), fixed, current, failed.size());
        }
        return new Applied(fixed, current, failed, recreated, edited, duplicates);
    }

    /** A conversation's newest message item, read strongly consistent; null when it has none. */
    static Map<String, AttributeValue> newestMessage(DynamoDbClient client, String table, String group, ReadRate rate)
            throws InterruptedException {
        rate.acquire();
        QueryResponse response = client.query(b -> b.tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", MessagesTable.PK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(MessagesTable.messagePk(group))))
                .scanIndexForward(false)
                .limit(1)
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
            rate.consumed(response.consumedCapacity().capacityUnits());
        }
        return response.items().isEmpty() ? null : response.items().getFirst();
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
