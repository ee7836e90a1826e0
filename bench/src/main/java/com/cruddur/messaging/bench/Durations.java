package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The measured durations of a run's invocations, and what Lambda would bill for them: the one
 * place the benchmark and the memory sweep turn durations into percentiles, GB-seconds and dollars.
 *
 * @param nanos    each invocation's duration, <em>measured</em> (wall time around the handler)
 * @param messages the messages the invocations delivered
 */
record Durations(long[] nanos, int messages) {

    /** Invokes each batch in turn and measures it. */
    static Durations measure(Consumer<DynamodbEvent> invoke, List<DynamodbEvent> batches, int messages) {
        long[] nanos = new long[batches.size()];
        for (int i = 0; i < batches.size(); i++) {
            long start = System.nanoTime();
            invoke.accept(batches.get(i));
            nanos[i] = System.nanoTime() - start;
        }
        return new Durations(nanos, messages);
    }

    /** The p-th percentile of the durations (nearest rank), in milliseconds. */
    double percentileMillis(double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** <em>Computed</em>: Lambda's billed duration (each invocation rounded up to the millisecond) times the memory, per message. */
    double gbSecondsPerMessage(int memoryMb) {
        long billedMillis = Arrays.stream(nanos).map(n -> (n + 999_999) / 1_000_000).sum();
        return billedMillis / 1000.0 * memoryMb / 1024.0 / messages;
    }

    /** <em>Computed</em>: Lambda's dollars per million messages at {@link Pricing}'s prices. */
    double lambdaDollarsPerMillion(int memoryMb) {
        return Pricing.lambdaPerMillionMessages((double) nanos.length / messages, gbSecondsPerMessage(memoryMb));
    }
}
