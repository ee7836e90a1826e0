package com.cruddur.messaging.stream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A seam around the real client: runs hooks just before a request leaves, which may act on the
 * table (a concurrent writer) or throw (a fault). DynamoDB's behaviour itself is never imitated.
 */
final class FaultInjector implements ExecutionInterceptor {

    /** A hook sees each request before it is sent; it may throw to make the attempt fail. */
    @FunctionalInterface
    interface Hook {
        void before(String operation, SdkRequest request);
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final List<Hook> afterHooks = new CopyOnWriteArrayList<>();

    void add(Hook hook) {
        hooks.add(hook);
    }

    /** A hook run after DynamoDB has executed the request: throwing there loses the response. */
    void addAfter(Hook hook) {
        afterHooks.add(hook);
    }

    void clear() {
        hooks.clear();
        afterHooks.clear();
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Hook hook : afterHooks) {
            hook.before(operation, context.request());
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        for (Hook hook : hooks) {
            hook.before(operation, context.request());
        }
    }

    /** Runs {@code action} on the first {@code times} requests of {@code operation}. */
    static Hook onFirst(String operation, int times, Runnable action) {
        AtomicInteger seen = new AtomicInteger();
        return (op, request) -> {
            if (op.equals(operation) && seen.incrementAndGet() <= times) {
                action.run();
            }
        };
    }

    static DynamoDbException throttling() {
        return error(400, "ThrottlingException");
    }

    static DynamoDbException serverError() {
        return error(500, "InternalServerError");
    }

    static DynamoDbException error(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder()
                .statusCode(status)
                .message("injected " + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected").build())
                .build();
    }
}
