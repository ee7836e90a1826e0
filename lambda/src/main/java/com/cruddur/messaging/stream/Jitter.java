package com.cruddur.messaging.stream;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The function's one source of retry jitter: the handler's own back-off between a conversation's
 * attempts ({@link Retries#backoff}) and the SDK client's between a request's attempts
 * ({@link #exponential}).
 *
 * <p>Why not {@code ThreadLocalRandom}, as both used before: SnapStart restores many execution
 * environments from one snapshot, and a generator's state is part of the snapshot, so every
 * environment restored from it would draw the same delays and retry in step against the same
 * throttled partition (Lambda developer guide, "Handling uniqueness with Lambda SnapStart").
 * {@link #reseed()} runs in the {@code afterRestore} hook and takes a new seed from
 * {@link SecureRandom}, whose default source reads the operating system's entropy when it is
 * created, after the restore.
 */
final class Jitter {

    private final Random random;

    /** Seeded from {@link SecureRandom}. */
    Jitter() {
        this(new SecureRandom().nextLong());
    }

    /** Seeded as given: two jitters of one seed draw alike, as two environments of one snapshot would. */
    Jitter(long seed) {
        // java.util.Random is safe to share between threads (its state advances atomically).
        random = new Random(seed);
    }

    /** A new seed from {@link SecureRandom}: called once per restored environment. */
    void reseed() {
        random.setSeed(new SecureRandom().nextLong());
    }

    /** Uniform in {@code [0, bound]}; 0 when {@code bound} is not positive. */
    long upTo(long bound) {
        return bound <= 0 ? 0 : random.nextLong(bound + 1);
    }

    /**
     * The SDK's exponential back-off with full jitter, drawn from this jitter: no wait before the first
     * attempt; before attempt {@code n > 1}, uniform in {@code [0, min(max, base * 2^(n-2))]} (the
     * SDK's {@code BackoffStrategy.exponentialDelay}, whose random source cannot be given).
     */
    BackoffStrategy exponential(Duration base, Duration max) {
        long baseMillis = base.toMillis();
        long maxMillis = max.toMillis();
        return attempt -> attempt <= 1 ? Duration.ZERO
                : Duration.ofMillis(upTo(Math.min(maxMillis, baseMillis << Math.min(attempt - 2, 30))));
    }
}
