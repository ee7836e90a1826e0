package com.cruddur.messaging.ops.delivery;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.ops.LambdaEvents;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.stream.InvocationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The delivery semantics of Lambda's event source mapping, between a shard's records and the
 * function: the local mapping ({@code watch}) delivers a stream's records with it, and
 * {@code redrive} delivers a failure object's records with it against the real table. It keeps
 * the records the deployed filter passes, builds the event JSON Lambda would deliver from the
 * records (each as Lambda delivers it: the local mapping makes them from a stream's, a failure
 * object holds them), deserializes it with Lambda's serializer and invokes the function; then
 * handles failure as the deployed mapping is configured to ({@link DeliverySettings#DEPLOYED}, from
 * {@link DeploymentContract}):
 * <ul>
 *   <li>batch item failures: checkpoint before the lowest failed sequence number and retry from it,
 *       at most {@link DeliverySettings#maxRetries()} times;</li>
 *   <li>a function error (the invocation threw): split the batch in two and deliver each half
 *       (bisecting does not use the retry quota); a single record is retried;</li>
 *   <li>records older than {@link DeliverySettings#maxRecordAge()} are not delivered again;</li>
 *   <li>what it gives up on, it hands to its {@link OnFailure} destination as Lambda hands it to an
 *       S3 destination ({@link FailureObject}: where the records were, and the records), and moves
 *       on: a shard never blocks.</li>
 * </ul>
 * Lambda's documentation of these: "Lambda parameters for Amazon DynamoDB event source mappings"
 * and "Retain discarded records for a DynamoDB event source in Lambda" (developer guide).
 */
public final class MappingDelivery {

    /** Lambda's on-failure destination: where the mapping puts the batches it gave up on. */
    @FunctionalInterface
    public interface OnFailure {

        /** No destination: the records are only reported to the listener (and returned). */
        OnFailure NONE = failure -> null;

        /**
         * @return where it went, for people (an object's key), or null
         * @throws RuntimeException if the destination did not take it
         */
        String send(FailureObject failure);
    }

    /**
     * What one batch of stream records came to.
     *
     * @param received    records read from the stream
     * @param filteredOut records the filter dropped (never delivered)
     * @param invocations every invocation that returned, retries and halves included, in order
     * @param gaveUp      what was given up on (each also sent to the destination), in order
     */
    public record Result(int received, int filteredOut, List<InvocationReport> invocations,
                           List<FailureObject> gaveUp) {

        public boolean invoked() {
            return !invocations.isEmpty() || !gaveUp.isEmpty();
        }

        /** Records given up on. */
        public int recordsGivenUp() {
            return gaveUp.stream().mapToInt(FailureObject::batchSize).sum();
        }
    }

    /** Told about each invocation and each give-up as they happen, for progress lines. */
    public interface Listener {

        /** An invocation returned; {@code retry} is 0 for a range's first delivery. */
        void invoked(int retry, int records, InvocationReport report);

        /** An invocation threw: a function error. */
        default void functionError(int retry, int records, RuntimeException error) {
        }

        /**
         * The mapping gave up on records: {@code sentTo} is where the destination put them, or
         * {@code notSent} why it did not take them.
         */
        default void gaveUp(FailureObject failure, String sentTo, RuntimeException notSent) {
        }
    }

    /** A record the filter passed, as delivered. */
    private record Passed(JsonNode record, BigInteger sequence, String sequenceNumber, Instant arrival) {
    }

    /** A run of passed records {@code [from, to)} and how often they were retried and invoked. */
    private record Range(int from, int to, int retries, int invocations) {

        int size() {
            return to - from;
        }

        Range invoked() {
            return new Range(from, to, retries, invocations + 1);
        }

        Range from(int index) {
            return new Range(index, to, retries, invocations);
        }

        Range retried() {
            return new Range(from, to, retries + 1, invocations);
        }
    }

    private final Function<DynamodbEvent, InvocationReport> function;
    private final EventFilter filter;
    private final String streamArn;
    private final DeliverySettings settings;
    private final OnFailure onFailure;
    private final Clock clock;
    private final IntConsumer pause;

    /**
     * @param function  the function: an event in, its report out; throwing is a function error
     * @param filter    the mapping's filter
     * @param streamArn the stream, as Lambda puts it in every record's {@code eventSourceARN}
     * @param settings  failure handling
     * @param onFailure the on-failure destination
     */
    public MappingDelivery(Function<DynamodbEvent, InvocationReport> function, EventFilter filter,
                                   String streamArn, DeliverySettings settings, OnFailure onFailure) {
        this(function, filter, streamArn, settings, onFailure, Clock.systemUTC(), MappingDelivery::backOff);
    }

    MappingDelivery(Function<DynamodbEvent, InvocationReport> function, EventFilter filter, String streamArn,
                            DeliverySettings settings, OnFailure onFailure, Clock clock, IntConsumer pause) {
        this.function = function;
        this.filter = filter;
        this.streamArn = streamArn;
        this.settings = settings;
        this.onFailure = onFailure;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Delivers one shard's records, in order, to the function.
     *
     * @param records each as it appears in a Lambda event's {@code Records}
     */
    public Result deliver(String shardId, List<? extends JsonNode> records, Listener listener) {
        List<Passed> passed = new ArrayList<>();
        for (JsonNode record : records) {
            if (filter.matches(record)) {
                JsonNode stream = record.path("dynamodb");
                String sequenceNumber = stream.path("SequenceNumber").asText(null);
                passed.add(new Passed(record, sequence(sequenceNumber), sequenceNumber,
                        arrival(stream.get("ApproximateCreationDateTime"))));
            }
        }
        List<InvocationReport> invocations = new ArrayList<>();
        List<FailureObject> gaveUp = new ArrayList<>();
        // Ranges still to deliver, the next one on top: halves and retries go on top, so the shard's
        // records are delivered in order.
        Deque<Range> pending = new ArrayDeque<>();
        if (!passed.isEmpty()) {
            pending.push(new Range(0, passed.size(), 0, 0));
        }
        while (!pending.isEmpty()) {
            Range range = withoutExpired(pending.pop(), passed, shardId, listener, gaveUp);
            if (range.size() == 0) {
                continue;
            }
            List<Passed> batch = passed.subList(range.from(), range.to());
            DynamodbEvent event = LambdaEvents.of(batch.stream().map(Passed::record).toList());
            Range invoked = range.invoked();
            InvocationReport report;
            try {
                report = function.apply(event);
            } catch (RuntimeException error) {
                listener.functionError(range.retries(), batch.size(), error);
                if (settings.bisectOnFunctionError() && batch.size() > 1) {
                    int middle = invoked.from() + batch.size() / 2;
                    pending.push(new Range(middle, invoked.to(), invoked.retries(), invoked.invocations()));
                    pending.push(new Range(invoked.from(), middle, invoked.retries(), invoked.invocations()));
                } else if (invoked.retries() < settings.maxRetries()) {
                    pause.accept(invoked.retries());
                    pending.push(invoked.retried());
                } else {
                    giveUp(invoked, passed, shardId, FailureObjects.RETRIES_EXHAUSTED, "Unhandled", listener, gaveUp);
                }
                continue;
            }
            invocations.add(report);
            listener.invoked(range.retries(), batch.size(), report);
            List<String> failed = report.failedSequenceNumbers();
            if (failed.isEmpty()) {
                continue;
            }
            // Lambda checkpoints before the lowest failed sequence number and delivers again from it;
            // an identifier it cannot place fails the whole batch.
            BigInteger lowest = failed.stream().map(MappingDelivery::sequence).min(BigInteger::compareTo).orElseThrow();
            int index = invoked.from();
            while (index < invoked.to() && passed.get(index).sequence().compareTo(lowest) < 0) {
                index++;
            }
            Range rest = invoked.from(index < invoked.to() ? index : invoked.from());
            if (rest.retries() < settings.maxRetries()) {
                pause.accept(rest.retries());
                pending.push(rest.retried());
            } else {
                giveUp(rest, passed, shardId, FailureObjects.RETRIES_EXHAUSTED, null, listener, gaveUp);
            }
        }
        return new Result(records.size(), records.size() - passed.size(), List.copyOf(invocations), List.copyOf(gaveUp));
    }

    /** The range without its leading records older than the maximum age, which are given up on. */
    private Range withoutExpired(Range range, List<Passed> passed, String shardId, Listener listener,
                                 List<FailureObject> gaveUp) {
        if (settings.maxRecordAge() == null) {
            return range;
        }
        Instant oldestAllowed = clock.instant().minus(settings.maxRecordAge());
        int index = range.from();
        while (index < range.to() && passed.get(index).arrival() != null
                && passed.get(index).arrival().isBefore(oldestAllowed)) {
            index++;
        }
        if (index > range.from()) {
            giveUp(new Range(range.from(), index, range.retries(), range.invocations()), passed, shardId,
                    FailureObjects.RECORD_AGE_EXCEEDED, null, listener, gaveUp);
        }
        return range.from(index);
    }

    private void giveUp(Range range, List<Passed> passed, String shardId, String condition, String functionError,
                        Listener listener, List<FailureObject> gaveUp) {
        List<Passed> given = passed.subList(range.from(), range.to());
        Passed first = given.getFirst();
        Passed last = given.getLast();
        FailureObject failure = new FailureObject(condition, range.invocations(), functionError,
                clock.instant(), shardId, first.sequenceNumber(), last.sequenceNumber(), first.arrival(), last.arrival(),
                range.size(), streamArn, given.stream().map(Passed::record).toList());
        gaveUp.add(failure);
        String sentTo = null;
        RuntimeException notSent = null;
        try {
            sentTo = onFailure.send(failure);
        } catch (RuntimeException e) {
            notSent = e;
        }
        listener.gaveUp(failure, sentTo, notSent);
    }

    /**
     * Between a batch's retries Lambda waits for a time it does not document. This waits 100 ms,
     * doubling, at most 2 s; without jitter, since one delivery runs at a time and there is nothing
     * to spread out (the handler's own back-off between a conversation's attempts is another one,
     * full jitter from its configuration).
     */
    private static void backOff(int retry) {
        try {
            Thread.sleep(Math.min(2000, 100L << Math.min(retry, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ApproximateCreationDateTime as Lambda delivers it: epoch seconds, possibly with a fraction. */
    private static Instant arrival(JsonNode value) {
        if (value == null || !value.isNumber()) {
            return null;
        }
        BigDecimal seconds = value.decimalValue();
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    /** Stream sequence numbers are decimal strings of up to 40 digits: compare them as numbers. */
    private static BigInteger sequence(String sequenceNumber) {
        try {
            return new BigInteger(sequenceNumber);
        } catch (NumberFormatException | NullPointerException e) {
            return BigInteger.ZERO;
        }
    }
}
