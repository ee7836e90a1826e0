package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Environments restored from one SnapStart snapshot start with the same generator state: a jitter of
 * one seed stands for them, and the restore hook must make their draws differ.
 */
class JitterTest {

    private static final long SNAPSHOT_SEED = 42;

    @Test
    void environmentsOfOneSnapshotDrawAlikeUntilTheRestoreHookReseedsEach() {
        Jitter first = new Jitter(SNAPSHOT_SEED);
        Jitter second = new Jitter(SNAPSHOT_SEED);
        assertThat(draws(first)).isEqualTo(draws(second));

        // The hook as the runtime calls it, once in each restored environment; it reads nothing else.
        new Priming(null, null, null, null, null, first).afterRestore(null);
        new Priming(null, null, null, null, null, second).afterRestore(null);

        assertThat(draws(first)).isNotEqualTo(draws(second));
    }

    @Test
    void theSdkClientsRetryDelaysComeFromTheJitter() {
        Jitter first = new Jitter(SNAPSHOT_SEED);
        Jitter second = new Jitter(SNAPSHOT_SEED);
        RetryStrategy one = ClientFactory.retryStrategy(first);
        RetryStrategy other = ClientFactory.retryStrategy(second);
        assertThat(sdkDelays(one)).isEqualTo(sdkDelays(other));

        first.reseed();
        second.reseed();

        assertThat(sdkDelays(one)).isNotEqualTo(sdkDelays(other));
    }

    @Test
    void theSdkBackoffWaitsNothingBeforeTheFirstAttemptThenUpToADoublingCap() {
        BackoffStrategy backoff = new Jitter(7).exponential(Duration.ofMillis(50), Duration.ofMillis(300));
        assertThat(backoff.computeDelay(1)).isZero();
        long[] caps = {50, 100, 200, 300, 300};
        for (int attempt = 2; attempt < 2 + caps.length; attempt++) {
            long cap = caps[attempt - 2];
            int n = attempt;
            List<Long> waits = IntStream.range(0, 2_000).mapToObj(i -> backoff.computeDelay(n).toMillis()).toList();
            assertThat(waits).as("attempt %d", attempt).allSatisfy(w -> assertThat(w).isBetween(0L, cap));
            assertThat(waits.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThanOrEqualTo(cap * 9 / 10);
        }
    }

    private static List<Long> draws(Jitter jitter) {
        return IntStream.range(0, 20).mapToObj(i -> jitter.upTo(1_000_000)).toList();
    }

    /** The delay before the second attempt of 20 requests that failed once (a retry quota each, so none runs dry). */
    private static List<Duration> sdkDelays(RetryStrategy strategy) {
        Function<Integer, Duration> retry = i -> strategy.refreshRetryToken(RefreshRetryTokenRequest.builder()
                .token(strategy.acquireInitialToken(AcquireInitialTokenRequest.create("request-" + i)).token())
                .failure(RetryableException.create("connection reset"))
                .build()).delay();
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            delays.add(retry.apply(i));
        }
        return delays;
    }
}
