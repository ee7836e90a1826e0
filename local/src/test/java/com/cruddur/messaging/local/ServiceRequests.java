package com.cruddur.messaging.local;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS SDK request this test JVM sends, by service and operation ("DynamoDbStreams GetRecords").
 * The SDK adds it to every client it builds through its global interceptor file
 * ({@code src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors}), so the
 * clients a command builds for itself are counted too: how the tests prove what a command does not
 * ask of a service. It only counts; nothing is changed.
 */
public final class ServiceRequests implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> COUNTS = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String request = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        COUNTS.computeIfAbsent(request, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Forgets what was counted. */
    public static void reset() {
        COUNTS.clear();
    }

    /** Requests by "service operation", in name order. */
    public static Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        COUNTS.forEach((request, count) -> copy.put(request, count.get()));
        return copy;
    }

    /** Requests to one service ({@code DynamoDbStreams}, {@code DynamoDb}, {@code S3}), all operations. */
    public static int of(String service) {
        return snapshot().entrySet().stream().filter(e -> e.getKey().startsWith(service + " "))
                .mapToInt(Map.Entry::getValue).sum();
    }
}
