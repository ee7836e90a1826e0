package com.cruddur.messaging.ops.reconcile;

/**
 * A limit on read capacity units per second, as a token bucket that may go into debt: a request
 * waits until the bucket holds a unit, and what DynamoDB then says the request consumed
 * ({@code ConsumedCapacity}) is taken out afterwards, however much it was (the cost of a Scan page
 * is only known once it is read). So the rate holds on average over a few seconds, and a burst is
 * at most one second's worth plus one page per segment. Shared by the threads of a parallel scan.
 */
final class ReadRate {

    /** No limit. */
    static final ReadRate UNLIMITED = new ReadRate(0);

    private final double unitsPerSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    /** @param unitsPerSecond the limit; 0 for none */
    ReadRate(double unitsPerSecond) {
        this.unitsPerSecond = unitsPerSecond;
        this.tokens = unitsPerSecond;
    }

    boolean limited() {
        return unitsPerSecond > 0;
    }

    /** Waits until a request may be sent. */
    synchronized void acquire() throws InterruptedException {
        if (!limited()) {
            return;
        }
        refill();
        while (tokens < 1) {
            long waitMillis = (long) Math.ceil((1 - tokens) / unitsPerSecond * 1000);
            wait(Math.max(1, waitMillis));
            refill();
        }
    }

    /** Takes what a request consumed out of the bucket. */
    synchronized void consumed(double units) {
        if (limited()) {
            refill();
            tokens -= units;
        }
    }

    private void refill() {
        long now = System.nanoTime();
        // At most one second's worth accumulates: the burst a limit allows.
        tokens = Math.min(unitsPerSecond, tokens + (now - refilledAt) / 1e9 * unitsPerSecond);
        refilledAt = now;
    }
}
