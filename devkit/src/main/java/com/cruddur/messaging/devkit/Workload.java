package com.cruddur.messaging.devkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.schema.Batches;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamRecords;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A synthetic, reproducible messaging workload: conversations with their rows, and a stream of
 * new messages cut into Lambda batches. Used by the benchmark and the request-count tests.
 *
 * @param conversations  number of conversations
 * @param participants   participants per conversation (one row each)
 * @param messages       messages in the stream
 * @param batchSize      records per invocation
 * @param hotShare       share of messages that go to the hot conversations (0 = uniform)
 * @param hotConversations how many conversations are hot
 * @param seed           random seed: the same parameters and seed give the same workload
 */
public record Workload(int conversations, int participants, int messages, int batchSize,
                       double hotShare, int hotConversations, long seed) {

    static final Instant START = Instant.parse("2026-11-21T00:00:00Z");

    public Workload {
        if (conversations < 1 || participants < 2 || messages < 1 || batchSize < 1
                || hotShare < 0 || hotShare > 1 || hotConversations < 0 || hotConversations > conversations) {
            throw new IllegalArgumentException("workload out of range: " + this);
        }
    }

    /** The default: 10 two-person conversations, 100 messages, batches of 100, uniform. */
    public static Workload defaults() {
        return new Workload(10, 2, 100, 100, 0, 0, 42);
    }

    /** Skewed: 80% of the messages go to 2 of the conversations. */
    public static Workload skewed() {
        return new Workload(10, 2, 100, 100, 0.8, 2, 42);
    }

    public static String groupUuid(int conversation) {
        return String.format("00000000-0000-4000-8000-%012d", conversation);
    }

    public static String userUuid(int conversation, int participant) {
        return String.format("00000000-0000-4000-9000-%06d%06d", conversation, participant);
    }

    /** Every conversation-list row, all at an older time than any message. */
    public List<Map<String, AttributeValue>> rows() {
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        for (int c = 0; c < conversations; c++) {
            for (int p = 0; p < participants; p++) {
                int other = (p + 1) % participants;
                Map<String, AttributeValue> row = new LinkedHashMap<>();
                row.put(MessagesTable.PK, s(MessagesTable.groupPk(userUuid(c, p))));
                row.put(MessagesTable.SK, s(timestamp(START.minus(1, ChronoUnit.DAYS).plusMillis(c))));
                row.put(MessagesTable.ATTR_MESSAGE_GROUP_UUID, s(groupUuid(c)));
                row.put(MessagesTable.ATTR_MESSAGE, s("hello"));
                row.put(MessagesTable.ATTR_USER_UUID, s(userUuid(c, other)));
                row.put(MessagesTable.ATTR_USER_DISPLAY_NAME, s("User " + c + "." + other));
                row.put(MessagesTable.ATTR_USER_HANDLE, s("user" + c + "_" + other));
                rows.add(row);
            }
        }
        return rows;
    }

    /** The stream of new messages, cut into invocations, with the given stream ARN. */
    public List<DynamodbEvent> batches(String streamArn) {
        Random random = new Random(seed);
        List<DynamodbStreamRecord> records = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            int conversation = hotConversations > 0 && random.nextDouble() < hotShare
                    ? random.nextInt(hotConversations)
                    : random.nextInt(conversations);
            String sk = timestamp(START.plusMillis(1000L * i + random.nextInt(1000)));
            records.add(record(i, conversation, random.nextInt(participants), sk, streamArn));
        }
        return Batches.of(records, batchSize).stream().map(StreamRecords::batch).toList();
    }

    /** How many distinct conversations each batch touches. */
    public static int conversationsIn(DynamodbEvent batch) {
        return (int) batch.getRecords().stream()
                .map(r -> r.getDynamodb().getKeys().get(MessagesTable.PK).getS())
                .distinct().count();
    }

    static DynamodbStreamRecord record(int i, int conversation, int sender, String sk, String arn) {
        return StreamRecords.message(groupUuid(conversation), sk)
                .messageUuid(String.format("10000000-0000-4000-8000-%012d", i))
                .text("message " + i)
                .sender(userUuid(conversation, sender), "User " + conversation + "." + sender,
                        "user" + conversation + "_" + sender)
                .sequenceNumber(Long.toString(100_000_000_000L + i))
                .eventId(String.format("%032x", 0xC0FFEEL * (i + 1)))
                .sourceArn(arn)
                .sizeBytes(256L)
                .build();
    }

    /** A stream ARN for a table name, as DynamoDB formats it. */
    public static String streamArn(String tableName) {
        return StreamRecords.streamArn(tableName);
    }

    static String timestamp(Instant instant) {
        return MessagesTable.sortKey(instant);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
