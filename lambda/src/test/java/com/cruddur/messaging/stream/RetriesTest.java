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
    void backoffGrowsExponentiallyWithinItsCap() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            Duration wait = Retries.backoff(attempt, Duration.ofMillis(50), Duration.ofMillis(400));
            assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(Math.min(400, 50L << (attempt - 1))));
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
