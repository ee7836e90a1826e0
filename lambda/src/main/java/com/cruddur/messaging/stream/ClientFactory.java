package com.cruddur.messaging.stream;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the handler's DynamoDB client, once per container. Region and endpoint come from the
 * SDK's standard settings: {@code AWS_REGION} (set by Lambda) and, for local runs,
 * {@code AWS_ENDPOINT_URL_DYNAMODB}. Nothing here names a region or an endpoint.
 */
final class ClientFactory {

    /** One HTTP attempt; DynamoDB answers in milliseconds, so a slow attempt is better retried. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);
    /** One call, SDK retries included. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private ClientFactory() {
    }

    /*
     * The SDK's standard retry mode (3 attempts per request, a retry quota) keeps its own delays: 50 ms
     * doubling, 1 s doubling after throttling, at most 20 s (AwsRetryStrategy.standardRetryStrategy() at
     * SDK 2.59.1); only their random draws come from the function's Jitter instead of ThreadLocalRandom.
     */
    static final Duration SDK_BACKOFF_BASE = Duration.ofMillis(50);
    static final Duration SDK_THROTTLED_BACKOFF_BASE = Duration.ofSeconds(1);
    static final Duration SDK_BACKOFF_MAX = Duration.ofSeconds(20);

    /** The client for the Lambda environment (or any environment with the standard AWS settings). */
    public static DynamoDbClient fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, new Jitter());
    }

    /** As {@link #fromEnvironment(Map)}, the SDK's retries jittered by {@code jitter}. */
    static DynamoDbClient fromEnvironment(Map<String, String> env, Jitter jitter) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder();
        String region = env.get("AWS_REGION");
        if (region != null && !region.isBlank()) {
            // Lambda sets AWS_REGION: skip the region provider chain and its profile-file reads.
            builder.region(Region.of(region));
        }
        return builder
                .credentialsProvider(credentials(env))
                // URLConnection: no Apache or Netty stack to load at cold start.
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT)
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        // Standard mode: 3 attempts with jittered back-off; the handler retries on top.
                        .retryStrategy(retryStrategy(jitter))
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .apiCallTimeout(CALL_TIMEOUT)
                        .build())
                .build();
    }

    /** Standard mode, with the delays drawn from {@code jitter}. */
    static RetryStrategy retryStrategy(Jitter jitter) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .backoffStrategy(jitter.exponential(SDK_BACKOFF_BASE, SDK_BACKOFF_MAX))
                .throttlingBackoffStrategy(jitter.exponential(SDK_THROTTLED_BACKOFF_BASE, SDK_BACKOFF_MAX))
                .build();
    }

    private static AwsCredentialsProvider credentials(Map<String, String> env) {
        // Lambda puts the role's credentials in the environment: read them directly rather than
        // walking the default chain (profile files, container and instance metadata) at cold start.
        return env.containsKey("AWS_ACCESS_KEY_ID") && env.containsKey("AWS_SECRET_ACCESS_KEY")
                ? EnvironmentVariableCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
    }
}
