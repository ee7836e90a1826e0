package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a command's table lives, chosen by the same options on every command:
 * <ul>
 *   <li>neither {@code --endpoint} nor {@code --aws}: the <em>embedded</em> default, a fresh
 *       in-memory DynamoDB Local started in this process for this command and discarded when it
 *       exits (another process cannot see it; {@code watch} prints its endpoint for that);</li>
 *   <li>{@code --endpoint URL}: a DynamoDB Local that is already running, such as the
 *       bootcamp's on {@code http://localhost:8000}, with DynamoDB Local's credentials and region;</li>
 *   <li>{@code --aws}: the real DynamoDB, with the default credential chain and region.</li>
 * </ul>
 * A target owns the clients it hands out and closes them, and the embedded server, on {@link #close()}.
 */
public final class Target implements AutoCloseable {

    /** Where: see the class comment. */
    public enum Kind { EMBEDDED, ENDPOINT, AWS }

    /** Where commands run, for {@code --help}. */
    static final String HELP = """
            where commands run (same options on every command):
              (default)       a fresh DynamoDB Local started in this process ("embedded"): the table, its index
                              and stream created from the schema (as the CDK app does) and, except for
                              schema-load and seed, the sample conversation loaded; discarded when the
                              command exits. Needs no AWS account and no Docker.
              --endpoint URL  a DynamoDB Local that is already running, e.g. http://localhost:8000
              --aws           the real table (default credential chain and region); only replay, conversations,
                              messages, redrive, reconcile and doctor accept it (reconcile --apply asks first)
              --table NAME    the table (default cruddur-messages)""";

    /**
     * What the command line asked for, before anything is started.
     *
     * @param kind     where
     * @param endpoint the DynamoDB Local of {@link Kind#ENDPOINT}, else null
     * @param table    the table
     */
    public record Spec(Kind kind, URI endpoint, String table) {

        /** Refuses {@code --aws} for a command that must never touch the real table. */
        public Spec refuseAws(String command, String why) {
            if (kind == Kind.AWS) {
                throw new RefusedException("refusing to run " + command + " against AWS (--aws): " + why);
            }
            return this;
        }
    }

    /**
     * sqlite4java (inside DynamoDB Local) logs a harmless "unknown jar version" warning through
     * java.util.logging when the shaded jar loads it; held here because JUL keeps loggers weakly.
     */
    private static final Logger SQLITE_LOG = Logger.getLogger("com.almworks.sqlite4java");
    /** DynamoDB Local's own AWS SDK v1 warns about JAXB, which it does not need, the same way. */
    private static final Logger SDK_V1_LOG = Logger.getLogger("com.amazonaws");

    private final Spec spec;
    private final LocalDynamoDb embedded;
    private final URI endpoint;
    private final Region awsRegion;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private Target(Spec spec, LocalDynamoDb embedded, URI endpoint, Region awsRegion) {
        this.spec = spec;
        this.embedded = embedded;
        this.endpoint = endpoint;
        this.awsRegion = awsRegion;
    }

    /** Connects to (or, embedded, starts) the DynamoDB the spec names. */
    public static Target open(Spec spec) {
        return switch (spec.kind()) {
            case EMBEDDED -> {
                LocalDynamoDb db = startQuietly();
                yield new Target(spec, db, db.endpoint(), null);
            }
            case ENDPOINT -> new Target(spec, null, spec.endpoint(), null);
            case AWS -> new Target(spec, null, null, awsRegion());
        };
    }

    public Kind kind() {
        return spec.kind();
    }

    public boolean embedded() {
        return spec.kind() == Kind.EMBEDDED;
    }

    public String table() {
        return spec.table();
    }

    /** The endpoint of a local target (embedded or {@code --endpoint}); null for AWS. */
    public URI endpoint() {
        return endpoint;
    }

    /** For people: "DynamoDB Local (embedded) at http://127.0.0.1:41235". */
    public String description() {
        return switch (spec.kind()) {
            case EMBEDDED -> "DynamoDB Local (embedded) at " + endpoint;
            case ENDPOINT -> "DynamoDB Local at " + endpoint;
            case AWS -> "AWS DynamoDB (" + awsRegion.id() + ", default credentials)";
        };
    }

    /** A new DynamoDB client, closed with the target. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        DynamoDbClient client = switch (spec.kind()) {
            case EMBEDDED, ENDPOINT -> LocalDynamoDb.clientBuilder(endpoint, interceptors).build();
            case AWS -> DynamoDbClient.builder()
                    .region(awsRegion)
                    .httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .executionInterceptors(List.of(interceptors))
                            .build())
                    .build();
        };
        clients.add(client);
        return client;
    }

    /** A new DynamoDB Streams client for the target's table, closed with the target. */
    public DynamoDbStreamsClient streams() {
        DynamoDbStreamsClient client = spec.kind() == Kind.AWS
                ? DynamoDbStreamsClient.builder().region(awsRegion).httpClient(UrlConnectionHttpClient.create()).build()
                : LocalDynamoDb.streamsClient(endpoint);
        clients.add(client);
        return client;
    }

    /**
     * A new S3 client for the failure destination's bucket, closed with the target: with {@code --aws}
     * in the target's region and default credentials ({@code localEndpoint} must be null; the SDK's
     * own {@code AWS_ENDPOINT_URL_S3} still applies); locally at the S3-compatible server of
     * {@code localEndpoint} ({@link #localS3}).
     */
    public S3Client s3(URI localEndpoint) {
        S3Client client = spec.kind() == Kind.AWS
                ? S3Client.builder().region(awsRegion).httpClient(UrlConnectionHttpClient.create()).build()
                : localS3(localEndpoint);
        clients.add(client);
        return client;
    }

    /**
     * An S3 client for an S3-compatible server such as s3proxy, with DynamoDB Local's credentials;
     * the caller closes it. Path-style addressing (a local server has no per-bucket host names), and
     * checksums only where S3 requires them: SDK 2.30 and later send checksum headers by default that
     * s3proxy rejects (gaul/s3proxy#795).
     */
    public static S3Client localS3(URI endpoint, ExecutionInterceptor... interceptors) {
        return S3Client.builder()
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors))
                        .build())
                .endpointOverride(endpoint)
                .region(LocalDynamoDb.REGION)
                .credentialsProvider(LocalDynamoDb.CREDENTIALS)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * Makes sure the table exists: embedded, creates it; {@code --endpoint}, creates it only if it
     * is missing; AWS, never creates it.
     *
     * @return whether the table was created
     * @throws CliException (exit 4) if the AWS table does not exist
     */
    public boolean ensureTable(DynamoDbClient client) {
        return switch (spec.kind()) {
            case EMBEDDED, ENDPOINT -> TableDefinitions.createTableIfMissing(client, table());
            case AWS -> {
                requireTable(client);
                yield false;
            }
        };
    }

    /** @throws CliException (exit 4) naming the table and the target if the table does not exist */
    public void requireTable(DynamoDbClient client) {
        if (!TableDefinitions.tableExists(client, table())) {
            throw new CliException(ExitCode.DYNAMODB_ERROR, "table " + table() + " not found at " + description()
                    + (spec.kind() == Kind.AWS ? "" : " (create it with schema-load)"));
        }
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing a client on the way out: nothing left to do with it.
            }
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    /**
     * Starts the embedded DynamoDB Local with its start-up banner suppressed: it prints its
     * configuration to standard output, which would corrupt {@code --dump} and {@code scan} output.
     */
    private static synchronized LocalDynamoDb startQuietly() {
        SQLITE_LOG.setLevel(Level.SEVERE);
        SDK_V1_LOG.setLevel(Level.SEVERE);
        try {
            return Muted.during(LocalDynamoDb::start);
        } finally {
            // Again: DynamoDB Local's start-up may reconfigure java.util.logging.
            SQLITE_LOG.setLevel(Level.SEVERE);
            SDK_V1_LOG.setLevel(Level.SEVERE);
        }
    }

    private static Region awsRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new CliException(ExitCode.DYNAMODB_ERROR,
                    "--aws: no AWS region configured (set AWS_REGION or a profile's region)");
        }
    }
}
