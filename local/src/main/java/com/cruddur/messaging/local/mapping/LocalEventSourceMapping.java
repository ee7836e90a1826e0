package com.cruddur.messaging.local.mapping;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.local.Invoker;
import com.cruddur.messaging.local.LambdaEvents;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.InvocationReport;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What Lambda's event source mapping does between the stream and the function, locally: keeps the
 * records the deployed filter passes, builds the event JSON Lambda would deliver, deserializes it
 * with Lambda's serializer, invokes the handler, and on batch item failures retries from the
 * lowest failed sequence number (bounded, like the deployed mapping's retry attempts), then gives
 * up on those records with a report instead of blocking the shard.
 */
public final class LocalEventSourceMapping {

    /** Retries of a failing batch: the deployed mapping's maximum retry attempts. */
    public static final int DEFAULT_MAX_RETRIES = DeploymentContract.MAX_RETRY_ATTEMPTS;

    /**
     * What one batch of stream records came to.
     *
     * @param received    records read from the stream
     * @param filteredOut records the filter dropped (never delivered)
     * @param invocations every handler invocation, retries included, in order
     * @param gaveUpOn    sequence numbers still failing after the last retry (empty when all went well)
     */
    public record Delivery(int received, int filteredOut, List<InvocationReport> invocations, List<String> gaveUpOn) {

        public boolean invoked() {
            return !invocations.isEmpty();
        }
    }

    /** Told about each invocation as it happens (retries included), for progress lines. */
    public interface Listener {
        void invoked(int attempt, int records, InvocationReport report);
    }

    private final Invoker invoker;
    private final EventFilter filter;
    private final String streamArn;
    private final int maxRetries;

    public LocalEventSourceMapping(Invoker invoker, EventFilter filter, String streamArn, int maxRetries) {
        this.invoker = invoker;
        this.filter = filter;
        this.streamArn = streamArn;
        this.maxRetries = maxRetries;
    }

    /** Delivers one shard's batch of records to the handler. */
    public Delivery deliver(List<Record> records, Listener listener) {
        List<String> passed = new ArrayList<>();
        List<String> sequenceNumbers = new ArrayList<>();
        for (Record record : records) {
            String json = StreamEvents.recordJson(record, streamArn);
            if (filter.matches(json)) {
                passed.add(json);
                sequenceNumbers.add(record.dynamodb().sequenceNumber());
            }
        }
        int filteredOut = records.size() - passed.size();
        List<InvocationReport> invocations = new ArrayList<>();
        if (passed.isEmpty()) {
            return new Delivery(records.size(), filteredOut, invocations, List.of());
        }
        int from = 0;
        for (int attempt = 0; ; attempt++) {
            List<String> batch = passed.subList(from, passed.size());
            DynamodbEvent event = LambdaEvents.deserialize(StreamEvents.eventJson(batch).getBytes(StandardCharsets.UTF_8));
            InvocationReport report = invoker.invoke(event);
            invocations.add(report);
            listener.invoked(attempt, batch.size(), report);
            List<String> failed = report.failedSequenceNumbers();
            if (failed.isEmpty()) {
                return new Delivery(records.size(), filteredOut, invocations, List.of());
            }
            // Lambda checkpoints before the lowest failed sequence number and retries from it.
            BigInteger lowest = failed.stream().map(SequenceNumbers::of).min(BigInteger::compareTo).orElseThrow();
            int index = from;
            while (index < passed.size() && SequenceNumbers.of(sequenceNumbers.get(index)).compareTo(lowest) < 0) {
                index++;
            }
            from = Math.min(index, passed.size() - 1);
            if (attempt >= maxRetries) {
                return new Delivery(records.size(), filteredOut, invocations, failed);
            }
            pause(attempt);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 100L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stream sequence numbers are decimal strings of up to 40 digits: compare them as numbers. */
    private static final class SequenceNumbers {
        static BigInteger of(String sequenceNumber) {
            try {
                return new BigInteger(sequenceNumber);
            } catch (NumberFormatException | NullPointerException e) {
                return BigInteger.ZERO;
            }
        }
    }
}
