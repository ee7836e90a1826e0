package com.cruddur.messaging.local.ops.doctor;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every request any SDK client of this test JVM transmits, by service and operation, while a test
 * records: registered for all clients through the SDK's global interceptor list
 * ({@code software/amazon/awssdk/global/handlers/execution.interceptors} in the test resources), so
 * it sees the clients doctor builds itself, DynamoDB Local's included, without a seam in them.
 */
public final class SentOperations implements ExecutionInterceptor {

    private static final Queue<String> SENT = new ConcurrentLinkedQueue<>();
    private static volatile boolean recording;

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (recording) {
            SENT.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                    + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        }
    }

    /** Runs {@code action} and returns the requests transmitted meanwhile ("Lambda ListEventSourceMappings"). */
    static List<String> during(Runnable action) {
        SENT.clear();
        recording = true;
        try {
            action.run();
        } finally {
            recording = false;
        }
        return List.copyOf(SENT);
    }
}
