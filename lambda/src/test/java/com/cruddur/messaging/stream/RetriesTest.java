package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class RetriesTest {

    @Test
    void throttlingServerErrorsTimeoutsAndTransactionConflictsAreTransient() {
        assertThat(Retries.isTransient(FaultInjector.throttling())).isTrue();
        assertThat(Retries.isTransient(FaultInjector.serverError())).isTrue();
        assertThat(Retries.isTransient(ApiCallTimeoutException.create(1000))).isTrue();
        assertThat(Retries.isTransient(cancelled("None", "TransactionConflict"))).isTrue();
    }

    @Test
    void validationErrorsAndMissingTablesAreNot() {
        assertThat(Retries.isTransient(FaultInjector.error(400, "ValidationException"))).isFalse();
        assertThat(Retries.isTransient(FaultInjector.error(400, "ResourceNotFoundException"))).isFalse();
        assertThat(Retries.isTransient(cancelled("ValidationError"))).isFalse();
        assertThat(Retries.isTransient(new IllegalStateException())).isFalse();
    }

    @Test
    void backoffIsUniformUpToACapThatDoublesPerAttemptUntilItsMaximum() {
        Jitter jitter = new Jitter(7);
        long[] caps = {50, 100, 200, 400, 400, 400};
        for (int attempt = 1; attempt <= caps.length; attempt++) {
            long cap = caps[attempt - 1];
            long[] waits = new long[2_000];
            for (int i = 0; i < waits.length; i++) {
                waits[i] = Retries.backoff(attempt, Duration.ofMillis(50), Duration.ofMillis(400), jitter).toMillis();
            }
            // Full jitter: every wait within [0, cap], and the draws reach both ends of the range.
            assertThat(java.util.Arrays.stream(waits).boxed().toList()).as("attempt %d", attempt)
                    .allSatisfy(w -> assertThat(w).isBetween(0L, cap));
            assertThat(java.util.Arrays.stream(waits).max().orElseThrow()).as("attempt %d", attempt)
                    .isGreaterThanOrEqualTo(cap * 9 / 10);
            assertThat(java.util.Arrays.stream(waits).min().orElseThrow()).as("attempt %d", attempt)
                    .isLessThanOrEqualTo(cap / 10);
        }
    }

    @Test
    void failuresAreDescribedByTypeAndCodeOnly() {
        assertThat(Retries.describe(cancelled("ConditionalCheckFailed", "None")))
                .isEqualTo("TransactionCanceledException[ConditionalCheckFailed, None]");
        assertThat(Retries.describe(FaultInjector.throttling())).isEqualTo("DynamoDbException(400 ThrottlingException)");
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder()
                .cancellationReasons(java.util.Arrays.stream(codes)
                        .map(c -> CancellationReason.builder().code(c).build()).toList())
                .build();
    }
}
