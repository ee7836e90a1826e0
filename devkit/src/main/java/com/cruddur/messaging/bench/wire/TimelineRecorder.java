package com.cruddur.messaging.bench.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The relay's records: connections and requests as they complete, on one monotonic clock that
 * starts with the relay. Lock-free (concurrent queues and counters), so recording never makes one
 * connection wait for another.
 */
final class TimelineRecorder {

    /** How long a timeline waits for requests already answered to be recorded. */
    private static final long AWAIT_RECORDED_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long origin = System.nanoTime();
    private final Queue<ConnectionSpan> connections = new ConcurrentLinkedQueue<>();
    private final Queue<RequestSpan> requests = new ConcurrentLinkedQueue<>();
    // Requests begun but not yet recorded: a client can hold its response before the relay records it.
    private final AtomicInteger unrecorded = new AtomicInteger();
    private final AtomicLong failedExchanges = new AtomicLong();

    /** Nanoseconds since the relay started. */
    long clock() {
        return System.nanoTime() - origin;
    }

    void connection(ConnectionSpan span) {
        connections.add(span);
    }

    /** A request's first byte arrived: it is owed a record (or a failure) from now on. */
    void requestBegun() {
        unrecorded.incrementAndGet();
    }

    /** The request's record, or null when it failed; once per {@link #requestBegun()}. */
    void requestEnded(RequestSpan span) {
        if (span != null) {
            requests.add(span);
        }
        unrecorded.decrementAndGet();
    }

    void exchangeFailed() {
        failedExchanges.incrementAndGet();
    }

    long failedExchanges() {
        return failedExchanges.get();
    }

    WireTimeline snapshot() {
        awaitRecorded();
        return new WireTimeline(List.copyOf(connections), List.copyOf(requests));
    }

    WireTimeline take() {
        awaitRecorded();
        return new WireTimeline(drain(connections), drain(requests));
    }

    private void awaitRecorded() {
        long deadline = System.nanoTime() + AWAIT_RECORDED_NANOS;
        while (unrecorded.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(100_000);
        }
    }

    private static <T> List<T> drain(Queue<T> queue) {
        List<T> items = new ArrayList<>();
        for (T item = queue.poll(); item != null; item = queue.poll()) {
            items.add(item);
        }
        return items;
    }
}
