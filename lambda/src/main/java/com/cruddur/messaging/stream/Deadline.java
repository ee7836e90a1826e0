package com.cruddur.messaging.stream;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the handler must stop retrying, so that it returns its batch item failures before Lambda's
 * timeout rather than being killed (which would retry the whole batch).
 */
final class Deadline {

    /** Time kept back for reporting after the last attempt. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    private final long deadlineNanos;
    private final LongSupplier clock;

    private Deadline(long deadlineNanos, LongSupplier clock) {
        this.deadlineNanos = deadlineNanos;
        this.clock = clock;
    }

    /** No limit: runs outside Lambda. */
    public static Deadline none() {
        return new Deadline(Long.MAX_VALUE, System::nanoTime);
    }

    /** The invocation's remaining time, less a margin. */
    public static Deadline in(Duration remaining, LongSupplier clock) {
        long now = clock.getAsLong();
        return new Deadline(now + Math.max(0, remaining.minus(MARGIN).toNanos()), clock);
    }

    /** Whether waiting {@code wait} and trying once more still fits. */
    public boolean allows(Duration wait) {
        return deadlineNanos == Long.MAX_VALUE || clock.getAsLong() + wait.toNanos() < deadlineNanos;
    }
}
