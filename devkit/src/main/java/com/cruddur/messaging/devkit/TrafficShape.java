package com.cruddur.messaging.devkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.schema.StreamRecords;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * How a workload's messages arrive in Lambda batches. The mapping has no batching window and
 * Lambda polls a shard about four times a second, so a batch holds what arrived since the last
 * poll: in ordinary chat traffic one to a few messages, rarely two of one conversation.
 */
public enum TrafficShape {

    /** Each batch 1–3 records, each conversation at most once in a batch: people typing slowly. */
    SPARSE("batches of 1-3 records, each conversation at most once per batch"),

    /**
     * A mix: 70% of the batches hold 1–3 records, 25% hold 4–10 and 5% hold 11–50; in a batch, each
     * message after the first is a reply in a conversation already in the batch with probability
     * 0.2 (a quick back-and-forth), otherwise goes to a conversation drawn at random.
     */
    TYPICAL("70% of batches 1-3 records, 25% 4-10, 5% 11-50; 20% of a batch's later messages reply in a conversation already in it"),

    /** The workload's own fixed batches (e.g. 100 records), with its skew: a backlog or a busy moment. */
    BURST("full batches of the workload's batch size, with its skew");

    private final String description;

    TrafficShape(String description) {
        this.description = description;
    }

    /** The shape's name on the command line and in the output: {@code sparse}, {@code typical}, {@code burst}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** The workload's messages cut into invocations of this shape; the same seed gives the same batches. */
    public List<DynamodbEvent> batches(Workload workload, String streamArn) {
        if (this == BURST) {
            return workload.batches(streamArn);
        }
        Random random = new Random(workload.seed());
        List<DynamodbEvent> batches = new ArrayList<>();
        int i = 0;
        while (i < workload.messages()) {
            int size = Math.min(workload.messages() - i, batchSize(random, workload.conversations()));
            List<DynamodbStreamRecord> records = new ArrayList<>();
            Set<Integer> inBatch = new LinkedHashSet<>();
            for (int n = 0; n < size; n++, i++) {
                int conversation = conversation(random, workload.conversations(), inBatch);
                inBatch.add(conversation);
                String sk = Workload.timestamp(Workload.START.plusMillis(1000L * i + random.nextInt(1000)));
                records.add(Workload.record(i, conversation, random.nextInt(workload.participants()), sk, streamArn));
            }
            batches.add(StreamRecords.batch(records));
        }
        return batches;
    }

    private int batchSize(Random random, int conversations) {
        if (this == SPARSE) {
            // At most once per conversation: never more records than conversations.
            return 1 + random.nextInt(Math.min(3, conversations));
        }
        double p = random.nextDouble();
        return p < 0.70 ? 1 + random.nextInt(3) : p < 0.95 ? 4 + random.nextInt(7) : 11 + random.nextInt(40);
    }

    private int conversation(Random random, int conversations, Set<Integer> inBatch) {
        if (this == SPARSE) {
            int c;
            do {
                c = random.nextInt(conversations);
            } while (inBatch.contains(c));
            return c;
        }
        if (!inBatch.isEmpty() && random.nextDouble() < 0.2) {
            List<Integer> used = new ArrayList<>(inBatch);
            return used.get(random.nextInt(used.size()));
        }
        return random.nextInt(conversations);
    }
}
