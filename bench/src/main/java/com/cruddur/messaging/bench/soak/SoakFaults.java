package com.cruddur.messaging.bench.soak;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Transient faults at the SDK's seam of the handler's DynamoDB client, as the lambda module's
 * reliability harness injects them: each request, just before it is sent, fails with probability
 * {@code rate} as throttling (400 ThrottlingException), a server error (500 InternalServerError) or
 * an attempt timeout, in equal shares. DynamoDB itself is not imitated: a request that is not
 * struck goes to the real table. The codes are DynamoDB's ("Error handling with DynamoDB",
 * developer guide).
 */
final class SoakFaults implements ExecutionInterceptor {

    private final double rate;
    private final Random random;
    private final AtomicLong injected = new AtomicLong();

    SoakFaults(double rate, long seed) {
        this.rate = rate;
        this.random = new Random(seed);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        int kind;
        synchronized (random) {
            if (random.nextDouble() >= rate) {
                return;
            }
            kind = random.nextInt(3);
        }
        injected.incrementAndGet();
        throw switch (kind) {
            case 0 -> error(400, "ThrottlingException");
            case 1 -> error(500, "InternalServerError");
            default -> ApiCallAttemptTimeoutException.create(3000);
        };
    }

    /** Faults injected so far. */
    long injected() {
        return injected.get();
    }

    private static DynamoDbException error(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder()
                .statusCode(status)
                .message("injected by soak --faults")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected by soak --faults")
                        .serviceName("DynamoDb").build())
                .build();
    }
}
