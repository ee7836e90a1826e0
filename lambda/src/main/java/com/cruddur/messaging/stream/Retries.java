package com.cruddur.messaging.stream;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/** The handler's own retry policy, on top of the SDK's: which failures to retry, and how long to wait. */
final class Retries {

    /** Cancellation reasons that a later attempt can overcome. */
    private static final List<String> TRANSIENT_CANCELLATIONS = List.of(
            "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private Retries() {
    }

    /**
     * Whether a failure may pass: throttling, a 5xx, a timeout or broken connection, or a
     * transaction that collided with another. Validation errors and missing tables do not.
     */
    static boolean isTransient(Throwable failure) {
        return switch (failure) {
            case TransactionCanceledException e -> e.hasCancellationReasons()
                    && e.cancellationReasons().stream().anyMatch(r -> TRANSIENT_CANCELLATIONS.contains(r.code()));
            case TransactionInProgressException e -> true;
            case AwsServiceException e -> e.isThrottlingException() || e.statusCode() >= 500;
            case SdkClientException e -> true;
            default -> false;
        };
    }

    /** Exponential back-off with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
    static Duration backoff(int attempt, Duration base, Duration max, Jitter jitter) {
        return Duration.ofMillis(jitter.upTo(Math.min(max.toMillis(), base.toMillis() << Math.min(attempt - 1, 20))));
    }

    /** A short name for a failure that never carries item data. */
    static String describe(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        if (failure instanceof TransactionCanceledException e && e.hasCancellationReasons()) {
            return name + e.cancellationReasons().stream().map(r -> r.code()).toList();
        }
        if (failure instanceof AwsServiceException e && e.awsErrorDetails() != null) {
            return name + "(" + e.statusCode() + " " + e.awsErrorDetails().errorCode() + ")";
        }
        if (!(failure instanceof SdkClientException) && failure.getStackTrace().length > 0) {
            // A defect: say where, so that the log line alone leads to the code.
            StackTraceElement top = failure.getStackTrace()[0];
            return name + " at " + top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1)
                    + "." + top.getMethodName() + ":" + top.getLineNumber();
        }
        return name;
    }
}
