package com.cruddur.messaging.ops.doctor;

import java.util.Set;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps doctor read-only: every client it builds refuses, before anything is sent, any operation
 * that is not one of the reads below. A preflight that could change the account it inspects would
 * not be one.
 */
final class ReadOnlyGuard implements ExecutionInterceptor {

    /**
     * The operations doctor may send: the checks' reads, and the failure bucket's listing (the
     * integration seam of {@link FailureObjectsSource}).
     */
    static final Set<String> READS = Set.of(
            "DescribeTable",
            "DescribeStacks",
            "ListEventSourceMappings",
            "DescribeKey",
            "ListBuckets", "GetBucketTagging", "ListObjectsV2");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!READS.contains(operation)) {
            throw new IllegalStateException("doctor is read-only: refusing " + attributes.getAttribute(
                    SdkExecutionAttribute.SERVICE_NAME) + " " + operation);
        }
    }
}
