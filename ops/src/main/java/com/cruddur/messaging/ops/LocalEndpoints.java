package com.cruddur.messaging.ops;

import com.cruddur.messaging.schema.LocalServices;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients of the tools, configured in one place: against AWS (the default credential chain,
 * the target's region) or against a local stand-in (DynamoDB Local, an S3-compatible server such as
 * s3proxy) with the local services' credentials and region ({@link LocalServices}). Every client
 * uses the URLConnection HTTP client (no Apache or Netty stack to load) and the standard retry mode.
 */
public final class LocalEndpoints {

    /** The local services' credentials: independent of the machine's. */
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LocalServices.ACCESS_KEY_ID, LocalServices.SECRET_ACCESS_KEY));
    /** The local services' region. */
    public static final Region REGION = Region.of(LocalServices.REGION);

    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);

    private LocalEndpoints() {
    }

    /** {@code builder} for a local server at {@code endpoint}, with its interceptors. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(
            B builder, URI endpoint, ExecutionInterceptor... interceptors) {
        return configure(builder.endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS),
                interceptors);
    }

    /**
     * {@code builder} signing with the local services' credentials in {@code region}, its endpoint
     * left to the SDK's own settings ({@code AWS_ENDPOINT_URL_<SERVICE>}): a local stand-in that a
     * developer points the SDK at.
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B signedLocally(
            B builder, Region region, ExecutionInterceptor... interceptors) {
        return configure(builder.region(region).credentialsProvider(CREDENTIALS), interceptors);
    }

    /** {@code builder} for AWS in {@code region}, default credentials, with its interceptors. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B aws(
            B builder, Region region, ExecutionInterceptor... interceptors) {
        return configure(builder.region(region), interceptors);
    }

    /**
     * An S3 client for an S3-compatible server such as s3proxy; the caller closes it. Path-style
     * addressing (a local server has no per-bucket host names), and checksums only where S3 requires
     * them: SDK 2.30 and later send checksum headers by default that s3proxy rejects (gaul/s3proxy#795).
     */
    public static S3Client s3(URI endpoint, ExecutionInterceptor... interceptors) {
        return local(S3Client.builder(), endpoint, interceptors)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, ExecutionInterceptor... interceptors) {
        // The SDK's HTTP defaults (2 s to connect, 30 s per read); a whole call, retries included, at most a minute.
        return builder.httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(API_CALL_TIMEOUT)
                        .retryStrategy(RetryMode.STANDARD)
                        .executionInterceptors(List.of(interceptors)));
    }
}
