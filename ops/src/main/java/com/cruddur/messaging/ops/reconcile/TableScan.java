package com.cruddur.messaging.ops.reconcile;

import com.cruddur.messaging.schema.MessagesTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A parallel {@code Scan} of the table's message and conversation-list items: {@code segments}
 * segments read at once, each page by page ("Parallel scan", DynamoDB developer guide), with only
 * the attributes the check reads. A filter cannot lower a scan's cost (DynamoDB charges for the
 * items it reads before filtering), only what travels; the read units each page consumed are
 * counted, and, with a {@link ReadRate}, throttle the next pages. Read-only: interrupting it at any
 * point leaves nothing to undo.
 */
final class TableScan {

    /**
     * What a scan read.
     *
     * @param scanned   items DynamoDB read (before the filter)
     * @param kept      items passed to the sink
     * @param readUnits read capacity units consumed
     * @param requests  Scan requests sent
     * @param time      how long it took
     */
    record Stats(long scanned, long kept, double readUnits, long requests, Duration time) {

        double itemsPerSecond() {
            return time.isZero() ? 0 : scanned / (time.toNanos() / 1e9);
        }
    }

    /** Told how far the scan got, from the scanning threads. */
    @FunctionalInterface
    interface Progress {
        void scanned(long items, long kept, double readUnits);
    }

    private final DynamoDbClient client;
    private final String table;
    private final int segments;
    private final ReadRate rate;
    private final AtomicLong scanned = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final DoubleAdder readUnits = new DoubleAdder();

    TableScan(DynamoDbClient client, String table, int segments, ReadRate rate) {
        this.client = client;
        this.table = table;
        this.segments = segments;
        this.rate = rate;
    }

    /**
     * Reads every message and conversation-list item, passing each to {@code sink} (called from
     * several threads at once).
     *
     * @throws InterruptedException if interrupted; the items read so far have reached the sink
     */
    Stats run(Consumer<Map<String, AttributeValue>> sink, Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int current = segment;
                running.add(threads.submit(() -> {
                    scanSegment(current, sink, progress);
                    return null;
                }));
            }
            for (Future<?> segment : running) {
                try {
                    segment.get();
                } catch (ExecutionException e) {
                    running.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return new Stats(scanned.get(), kept.get(), readUnits.sum(), requests.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void scanSegment(int segment, Consumer<Map<String, AttributeValue>> sink, Progress progress)
            throws InterruptedException {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#pk", MessagesTable.PK);
        names.put("#sk", MessagesTable.SK);
        names.put("#g", MessagesTable.ATTR_MESSAGE_GROUP_UUID);
        names.put("#m", MessagesTable.ATTR_MESSAGE);
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":msg", AttributeValue.fromS(MessagesTable.MESSAGE_PREFIX));
        values.put(":grp", AttributeValue.fromS(MessagesTable.GROUP_PREFIX));
        ScanRequest.Builder request = ScanRequest.builder()
                .tableName(table)
                .segment(segment)
                .totalSegments(segments)
                .filterExpression("begins_with(#pk, :msg) OR begins_with(#pk, :grp)")
                .projectionExpression("#pk, #sk, #g, #m")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
        if (rate.limited()) {
            // Smaller pages under a limit, so that the rate is kept in smaller steps.
            request.limit(100);
        }
        Map<String, AttributeValue> startKey = null;
        do {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            rate.acquire();
            ScanResponse page = client.scan(request.exclusiveStartKey(startKey).build());
            requests.incrementAndGet();
            double units = page.consumedCapacity() == null || page.consumedCapacity().capacityUnits() == null
                    ? 0 : page.consumedCapacity().capacityUnits();
            rate.consumed(units);
            readUnits.add(units);
            page.items().forEach(sink);
            progress.scanned(scanned.addAndGet(page.scannedCount()), kept.addAndGet(page.count()), readUnits.sum());
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
    }
}
