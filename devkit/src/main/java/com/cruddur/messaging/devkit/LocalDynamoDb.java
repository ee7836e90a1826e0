package com.cruddur.messaging.devkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.cruddur.messaging.schema.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Amazon DynamoDB Local, started in this JVM in server mode on a free loopback port, in memory.
 *
 * <p>Server mode (rather than the embedded client) because the embedded client reports wrong
 * stream timestamps. DynamoDB Local may leave non-daemon threads behind after {@link #close()}:
 * a command-line program that uses it must call {@code System.exit} when it is done.
 */
public final class LocalDynamoDb implements AutoCloseable {

    /** The local services' credentials ({@link LocalServices}): independent of the machine's. */
    public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(LocalServices.ACCESS_KEY_ID, LocalServices.SECRET_ACCESS_KEY));
    /** The local services' region: DynamoDB Local keeps tables per region, the SDK needs one. */
    public static final Region REGION = Region.of(LocalServices.REGION);

    private static final int START_ATTEMPTS = 5;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private LocalDynamoDb(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts a fresh in-memory DynamoDB Local on a free port. */
    public static LocalDynamoDb start() {
        NativeLibraries.configureSqlite();
        Exception last = null;
        // Another process can take the port between probing and binding: try a few ports.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
                server.start();
                return new LocalDynamoDb(server, URI.create("http://127.0.0.1:" + port));
            } catch (Exception e) {
                last = e;
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start after " + START_ATTEMPTS + " attempts", last);
    }

    /** The HTTP endpoint, for example {@code http://127.0.0.1:41235}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A new DynamoDB client for this server, with optional interceptors; the caller closes it. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return clientBuilder(endpoint, interceptors).build();
    }

    /** A new DynamoDB Streams client for this server; the caller closes it. */
    public DynamoDbStreamsClient streamsClient() {
        return streamsClient(endpoint);
    }

    /**
     * A client builder for any DynamoDB Local endpoint, with the local credentials, the SDK's HTTP
     * timeouts (2 s to connect, 30 s per read) and the standard retry mode (3 attempts), as the
     * deployed client: predictable under injected faults.
     */
    public static DynamoDbClientBuilder clientBuilder(URI endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60)).retryStrategy(RetryMode.STANDARD)
                        .executionInterceptors(List.of(interceptors)));
    }

    /** A Streams client for any DynamoDB Local endpoint. */
    public static DynamoDbStreamsClient streamsClient(URI endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
