package com.cruddur.messaging.local.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a table's stream as an event source mapping does: every shard, a child shard only once
 * its parent is read to its end, records in order within a shard. Not thread-safe: one poller,
 * one thread.
 */
public final class StreamPoller {

    /**
     * Records read from one shard in one poll.
     *
     * @param shardId the shard
     * @param records in stream order
     */
    public record Batch(String shardId, List<Record> records) {
    }

    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final ShardIteratorType startAt;
    /** Open shards being read: shard id to its next iterator. */
    private final Map<String, String> iterators = new LinkedHashMap<>();
    /** Last sequence number read per shard, to resume after an expired iterator. */
    private final Map<String, String> lastSequence = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private boolean discovered;
    private long nextRefresh;

    /**
     * @param startAt where shards that exist when polling starts are read from: TRIM_HORIZON (the
     *                oldest record, as the deployed mapping starts) or LATEST; shards that appear
     *                later are always read from their start
     */
    public StreamPoller(DynamoDbStreamsClient streams, String streamArn, ShardIteratorType startAt) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.startAt = startAt;
    }

    /** One read of every open shard, up to {@code limit} records each; shards with no records are left out. */
    public List<Batch> poll(int limit) {
        if (!discovered || System.nanoTime() >= nextRefresh) {
            refreshShards();
        }
        List<Batch> batches = new ArrayList<>();
        for (String shardId : List.copyOf(iterators.keySet())) {
            GetRecordsResponse response = getRecords(shardId, limit);
            if (response == null) {
                continue;
            }
            if (response.hasRecords() && !response.records().isEmpty()) {
                List<Record> records = response.records();
                lastSequence.put(shardId, records.getLast().dynamodb().sequenceNumber());
                batches.add(new Batch(shardId, records));
            }
            if (response.nextShardIterator() == null) {
                // The shard is closed and read to its end: its children may start.
                iterators.remove(shardId);
                finished.add(shardId);
                nextRefresh = 0;
            } else {
                iterators.put(shardId, response.nextShardIterator());
            }
        }
        return batches;
    }

    private GetRecordsResponse getRecords(String shardId, int limit) {
        try {
            return streams.getRecords(b -> b.shardIterator(iterators.get(shardId)).limit(limit));
        } catch (ExpiredIteratorException e) {
            String last = lastSequence.get(shardId);
            iterators.put(shardId, last == null
                    ? iterator(shardId, ShardIteratorType.TRIM_HORIZON, null)
                    : iterator(shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last));
            return null;
        } catch (TrimmedDataAccessException e) {
            iterators.put(shardId, iterator(shardId, ShardIteratorType.TRIM_HORIZON, null));
            return null;
        } catch (ResourceNotFoundException e) {
            // The shard aged out of the stream.
            iterators.remove(shardId);
            finished.add(shardId);
            return null;
        }
    }

    private void refreshShards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse page = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
            shards.addAll(page.streamDescription().shards());
            start = page.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        Set<String> known = new HashSet<>();
        shards.forEach(s -> known.add(s.shardId()));
        for (Shard shard : shards) {
            String id = shard.shardId();
            if (iterators.containsKey(id) || finished.contains(id)) {
                continue;
            }
            boolean closed = shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null;
            if (!discovered) {
                if (startAt == ShardIteratorType.LATEST && closed) {
                    finished.add(id);
                    continue;
                }
            }
            String parent = shard.parentShardId();
            if (parent != null && known.contains(parent) && !finished.contains(parent)
                    && !(startAt == ShardIteratorType.LATEST && !discovered)) {
                // Records of a conversation stay in order: read the parent to its end first.
                continue;
            }
            ShardIteratorType type = discovered ? ShardIteratorType.TRIM_HORIZON : startAt;
            iterators.put(id, iterator(id, type, null));
        }
        discovered = true;
        nextRefresh = System.nanoTime() + REFRESH_NANOS;
    }

    private String iterator(String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type)
                .sequenceNumber(sequenceNumber)).shardIterator();
    }
}
