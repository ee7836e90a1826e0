package com.cruddur.messaging.ops;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a command's table lives, chosen by the same options on every command ({@link TargetOptions}):
 * <ul>
 *   <li>{@code --endpoint URL}: a DynamoDB Local that is already running, such as the bootcamp's on
 *       {@code http://localhost:8000}, with the local services' credentials ({@link LocalEndpoints});</li>
 *   <li>{@code --aws}: the real DynamoDB, with the default credential chain and region;</li>
 *   <li>neither: <em>embedded</em>, a fresh in-memory DynamoDB Local the developer CLI starts in its
 *       own process ({@link TargetOpener}); the ops tool has none.</li>
 * </ul>
 * A target owns the clients it hands out and closes them, and an embedded server, on {@link #close()}.
 */
public final class Target implements AutoCloseable {

    /** Where: see the class comment. */
    public enum Kind { EMBEDDED, ENDPOINT, AWS }

    /** What an embedded DynamoDB Local holds before the command runs (other targets are left as they are). */
    public enum Embedded {
        /** Nothing: the command creates the table itself. */
        EMPTY,
        /** The table, empty: the command loads it. */
        TABLE,
        /** The table with the sample conversation: the commands that read or send. */
        SAMPLE
    }

    /**
     * What the command line asked for, before anything is started.
     *
     * @param kind     where
     * @param endpoint the DynamoDB Local of {@link Kind#ENDPOINT}, else null
     * @param table    the table
     */
    public record Spec(Kind kind, URI endpoint, String table) {
    }

    private final Spec spec;
    private final URI endpoint;
    private final Region awsRegion;
    private final AutoCloseable server;
    private final List<String> notes = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();

    private Target(Spec spec, URI endpoint, Region awsRegion, AutoCloseable server) {
        this.spec = spec;
        this.endpoint = endpoint;
        this.awsRegion = awsRegion;
        this.server = server;
    }

    /** The DynamoDB Local of {@code --endpoint}, or AWS: nothing is started. */
    public static Target connect(Spec spec) {
        return switch (spec.kind()) {
            case ENDPOINT -> new Target(spec, spec.endpoint(), null, null);
            case AWS -> new Target(spec, null, awsRegion(), null);
            case EMBEDDED -> throw new IllegalArgumentException("an embedded target is started, not connected to");
        };
    }

    /** A DynamoDB Local this process started at {@code endpoint}: {@code server} is closed with the target. */
    public static Target embedded(Spec spec, URI endpoint, AutoCloseable server) {
        return new Target(spec, endpoint, null, server);
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

    /** Says what was prepared on the target (e.g. the sample loaded), for {@link #header}. */
    public void note(String what) {
        notes.add(what);
    }

    /** One line for people: what the target is, the table, what was prepared on it. */
    public String header(Style style) {
        List<String> parts = new ArrayList<>(List.of(description(), "table " + table()));
        parts.addAll(notes);
        if (embedded()) {
            parts.add("discarded on exit");
        }
        return style.join(parts);
    }

    /** A new DynamoDB client, closed with the target. */
    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return keep(spec.kind() == Kind.AWS
                ? LocalEndpoints.aws(DynamoDbClient.builder(), awsRegion, interceptors).build()
                : LocalEndpoints.local(DynamoDbClient.builder(), endpoint, interceptors).build());
    }

    /** A new DynamoDB Streams client for the target's table, closed with the target. */
    public DynamoDbStreamsClient streams() {
        return keep(spec.kind() == Kind.AWS
                ? DynamoDbStreamsClient.builder().region(awsRegion).httpClient(UrlConnectionHttpClient.create()).build()
                : LocalEndpoints.local(DynamoDbStreamsClient.builder(), endpoint).build());
    }

    /**
     * A new S3 client for the failure destination's bucket, closed with the target: with {@code --aws}
     * in the target's region and default credentials ({@code localEndpoint} must be null; the SDK's
     * own {@code AWS_ENDPOINT_URL_S3} still applies); locally at the S3-compatible server of
     * {@code localEndpoint} ({@link LocalEndpoints#s3}).
     */
    public S3Client s3(URI localEndpoint) {
        return keep(spec.kind() == Kind.AWS
                ? LocalEndpoints.aws(S3Client.builder(), awsRegion).build()
                : LocalEndpoints.s3(localEndpoint));
    }

    /** @throws CliException (exit 4) naming the table and the target if the table does not exist */
    public void requireTable(DynamoDbClient client) {
        if (!tableExists(client, table())) {
            throw new CliException(ExitCode.DYNAMODB_ERROR, "table " + table() + " not found at " + description()
                    + (spec.kind() == Kind.AWS ? "" : " (create it with schema-load)"));
        }
    }

    /** Whether the table exists (DescribeTable; ResourceNotFoundException means no). */
    public static boolean tableExists(DynamoDbClient client, String table) {
        try {
            client.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            closeQuietly(client);
        }
        if (server != null) {
            closeQuietly(server);
        }
    }

    /**
     * "where commands run", for a program's {@code --help}.
     *
     * @param embedded    whether the program starts a DynamoDB Local of its own when no target is given
     * @param awsCommands the commands that accept {@code --aws}
     */
    public static String help(boolean embedded, List<String> awsCommands) {
        String aws = String.join(", ", awsCommands);
        return "where commands run (same options on every command):\n"
                + (embedded ? """
                  (default)       a fresh DynamoDB Local started in this process ("embedded"): the table, its index
                                  and stream created from the schema (as the CDK app does) and, except for
                                  schema-load and seed, the sample conversation loaded; discarded when the
                                  command exits. Needs no AWS account and no Docker.
                """ : "")
                + "  --endpoint URL  a DynamoDB Local that is already running, e.g. http://localhost:8000\n"
                + "  --aws           the real table (default credential chain and region); accepted by " + aws + "\n"
                + "  --table NAME    the table (default cruddur-messages)";
    }

    private <T extends AutoCloseable> T keep(T client) {
        clients.add(client);
        return client;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing on the way out: nothing left to do with it.
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
