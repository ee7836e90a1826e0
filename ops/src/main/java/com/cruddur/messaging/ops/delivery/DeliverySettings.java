package com.cruddur.messaging.ops.delivery;

import com.cruddur.messaging.schema.DeploymentContract;
import java.time.Duration;

/**
 * How an event source mapping handles failure: its retries, its maximum record age, and whether it
 * bisects a batch whose invocation failed ({@link MappingDelivery} follows them).
 *
 * @param maxRetries            retries of a failing batch before giving up on it (Lambda's MaximumRetryAttempts)
 * @param maxRecordAge          records older than this are given up on instead of delivered
 *                              (MaximumRecordAgeInSeconds); null: no limit (-1)
 * @param bisectOnFunctionError whether a batch whose invocation failed is split in two (BisectBatchOnFunctionError)
 */
public record DeliverySettings(int maxRetries, Duration maxRecordAge, boolean bisectOnFunctionError) {

    /** As the CDK app deploys the mapping. */
    public static final DeliverySettings DEPLOYED = new DeliverySettings(DeploymentContract.MAX_RETRY_ATTEMPTS,
            DeploymentContract.MAX_RECORD_AGE, DeploymentContract.BISECT_BATCH_ON_FUNCTION_ERROR);

    public DeliverySettings {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    public DeliverySettings withMaxRetries(int value) {
        return new DeliverySettings(value, maxRecordAge, bisectOnFunctionError);
    }

    /** A copy with another maximum record age; null for none. */
    public DeliverySettings withMaxRecordAge(Duration value) {
        return new DeliverySettings(maxRetries, value, bisectOnFunctionError);
    }
}
