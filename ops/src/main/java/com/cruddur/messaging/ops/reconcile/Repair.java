package com.cruddur.messaging.ops.reconcile;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.ops.Invoker;
import com.cruddur.messaging.schema.Batches;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamRecords;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@code reconcile --apply}: writes nothing itself. Each lagging conversation's newest message is
 * read again (strongly consistent, so a message written since the check is the one used) and handed
 * to the deployed handler class as a stream record, in batches as the event source mapping
 * delivers them, so that the decoder, coalescing, planner, conditional writes (of the configured
 * write path) and retries are the handler's own. That is why it is safe beside the live function,
 * and why running it again changes nothing.
 */
final class Repair {

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
    interface Progress {
        void applied(int done, int total, int fixed, int current, int failed);
    }

    private Repair() {
    }

    /** Brings the conversations up to date through the handler; see the class comment. */
    static Applied apply(List<String> groups, DynamoDbClient client, String table, Invoker invoker, ReadRate rate,
                         Progress progress) throws InterruptedException {
        int fixed = 0;
        int current = 0;
        int recreated = 0;
        int edited = 0;
        int duplicates = 0;
        Map<String, String> failed = new LinkedHashMap<>();
        long sequence = 0;
        int done = 0;
        for (List<String> batch : Batches.asDeployed(groups)) {
            List<DynamodbStreamRecord> records = new ArrayList<>();
            for (String group : batch) {
                Map<String, AttributeValue> message = newestMessage(client, table, group, rate);
                if (message == null) {
                    failed.put(group, "no message any more");
                } else {
                    sequence++;
                    records.add(record(group, message, sequence));
                }
            }
            if (!records.isEmpty()) {
                InvocationReport report = invoker.invoke(StreamRecords.batch(records));
                for (Malformed malformed : report.malformed()) {
                    String pk = records.get(malformed.position()).getDynamodb().getKeys().get(MessagesTable.PK).getS();
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
            done += batch.size();
            progress.applied(done, groups.size(), fixed, current, failed.size());
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

    /** The message as the stream would deliver its INSERT; the sequence numbers only order the batch. */
    private static DynamodbStreamRecord record(String group, Map<String, AttributeValue> message, long sequence) {
        StreamRecords.Builder record = StreamRecords.message(group, string(message, MessagesTable.SK))
                .sequenceNumber(String.format("%021d", sequence))
                .eventId("reconcile-" + sequence);
        String text = string(message, MessagesTable.ATTR_MESSAGE);
        if (text != null) {
            record.text(text);
        }
        String uuid = string(message, MessagesTable.ATTR_MESSAGE_UUID);
        if (uuid != null) {
            record.messageUuid(uuid);
        }
        return record.build();
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
