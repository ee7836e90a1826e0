package com.cruddur.messaging.devkit;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the DynamoDB requests a client sends, by operation: every HTTP attempt, SDK retries
 * included, since each one is a request DynamoDB sees and bills.
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Requests by operation name, in name order. */
    public Map<String, Integer> snapshot() {
        Map<String, Integer> copy = new TreeMap<>();
        counts.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }

    public int count(String operation) {
        AtomicInteger count = counts.get(operation);
        return count == null ? 0 : count.get();
    }

    public int total() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public void reset() {
        counts.clear();
    }
}
