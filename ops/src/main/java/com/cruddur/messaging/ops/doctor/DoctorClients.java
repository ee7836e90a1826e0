package com.cruddur.messaging.ops.doctor;

import com.cruddur.messaging.ops.LocalEndpoints;
import com.cruddur.messaging.ops.Style;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * doctor's SDK clients, every one behind the {@link ReadOnlyGuard}, closed together.
 * <ul>
 *   <li>{@code --aws}: the default credential chain and Region, the services' own endpoints (or
 *       those the SDK's standard endpoint settings name).</li>
 *   <li>{@code --endpoint URL}: DynamoDB at URL (DynamoDB Local), with local credentials; the other
 *       services only where an endpoint is configured for them by the SDK's standard per-service
 *       settings, which the SDK reads by itself: the environment variable
 *       {@code AWS_ENDPOINT_URL_<SERVICE>} or the system property {@code aws.endpointUrl<Service>}
 *       (AWS SDKs and Tools reference guide, "Service-specific endpoints"), or the global
 *       {@code AWS_ENDPOINT_URL} / {@code aws.endpointUrl}. Without one, a local run does not ask
 *       that service (there is no local CloudFormation, Lambda or KMS), and the check says so.</li>
 * </ul>
 */
final class DoctorClients implements AutoCloseable {

    /** The services besides DynamoDB, with the SDK's names for their endpoint settings. */
    enum Service {
        CLOUDFORMATION("CloudFormation", "CLOUDFORMATION", "CloudFormation"),
        LAMBDA("Lambda", "LAMBDA", "Lambda"),
        KMS("KMS", "KMS", "Kms");

        private final String label;
        private final String environment;
        private final String property;

        Service(String label, String envSuffix, String propertySuffix) {
            this.label = label;
            this.environment = "AWS_ENDPOINT_URL_" + envSuffix;
            this.property = "aws.endpointUrl" + propertySuffix;
        }

        /** The endpoint the SDK will use for this service by its standard settings, if any is set. */
        Optional<String> configuredEndpoint() {
            for (String value : new String[] {System.getProperty(property), System.getenv(environment),
                System.getProperty("aws.endpointUrl"), System.getenv("AWS_ENDPOINT_URL")}) {
                if (value != null && !value.isBlank()) {
                    return Optional.of(value);
                }
            }
            return Optional.empty();
        }

        /** Why a local run does not ask it. */
        String notConfigured() {
            return "no " + label + " endpoint for a local run: set " + environment + " or -D" + property;
        }

        String label() {
            return label;
        }
    }

    private final Region region;
    /** The DynamoDB Local of a local run; null against AWS. */
    private final URI localEndpoint;
    private final List<AutoCloseable> open = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private CloudFormationClient cloudFormation;
    private EventSourceMappings lambda;
    private KmsClient kms;
    private S3Client s3;

    private DoctorClients(Region region, URI localEndpoint) {
        this.region = region;
        this.localEndpoint = localEndpoint;
    }

    /** Against AWS: the Region from the default chain (null when none is configured: no AWS client then). */
    static DoctorClients forAws() {
        return new DoctorClients(configuredRegion(), null);
    }

    /** Against a DynamoDB Local at {@code endpoint}, and whatever endpoints are configured for the others. */
    static DoctorClients forLocal(URI endpoint) {
        return new DoctorClients(configuredRegion(), endpoint);
    }

    boolean aws() {
        return localEndpoint == null;
    }

    /** The Region configured for the SDK (AWS_REGION, aws.region, a profile's), null when none. */
    String region() {
        return region == null ? null : region.id();
    }

    /** Why a client cannot be had, or empty when it can. */
    Optional<String> unavailable(Service service) {
        if (aws()) {
            return region == null ? Optional.of("needs a Region (see region)") : Optional.empty();
        }
        return service.configuredEndpoint().isPresent() ? Optional.empty() : Optional.of(service.notConfigured());
    }

    /** Why DynamoDB (or, against AWS, S3) cannot be asked, or empty when it can: against AWS, a Region is needed. */
    Optional<String> dynamoDbUnavailable() {
        return aws() && region == null ? Optional.of("needs a Region (see region)") : Optional.empty();
    }

    /** The DynamoDB client (one, made on first use). */
    DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = add(aws() ? configure(DynamoDbClient.builder()).build()
                    : LocalEndpoints.local(DynamoDbClient.builder(), localEndpoint, new ReadOnlyGuard()).build());
        }
        return dynamoDb;
    }

    CloudFormationClient cloudFormation() {
        if (cloudFormation == null) {
            cloudFormation = add(configure(CloudFormationClient.builder()).build());
        }
        return cloudFormation;
    }

    /** Lambda's event source mappings (the one Lambda read doctor makes; see {@link EventSourceMappings}). */
    EventSourceMappings lambda() {
        if (lambda == null) {
            Region signingRegion = aws() || region != null ? region : LocalEndpoints.REGION;
            URI endpoint = Service.LAMBDA.configuredEndpoint().map(URI::create)
                    .orElseGet(() -> EventSourceMappings.regionalEndpoint(signingRegion));
            lambda = new EventSourceMappings(add(UrlConnectionHttpClient.create()), endpoint, signingRegion,
                    aws() ? DefaultCredentialsProvider.builder().build() : LocalEndpoints.CREDENTIALS);
        }
        return lambda;
    }

    KmsClient kms() {
        if (kms == null) {
            kms = add(configure(KmsClient.builder()).build());
        }
        return kms;
    }

    /**
     * The S3 client of the failure bucket (one, made on first use): in the Region against AWS; at
     * {@code localEndpoint}, an S3-compatible server such as the one {@code watch} starts, for a local run.
     */
    S3Client s3(URI localEndpoint) {
        if (s3 == null) {
            s3 = add(aws() ? configure(S3Client.builder()).build() : LocalEndpoints.s3(localEndpoint, new ReadOnlyGuard()));
        }
        return s3;
    }

    /** For people: where the checks look. */
    String description(Style style) {
        if (aws()) {
            return "AWS (" + (region == null ? "no region" : region.id()) + ", default credentials)";
        }
        List<String> parts = new ArrayList<>(List.of("DynamoDB Local at " + localEndpoint));
        for (Service service : Service.values()) {
            parts.add(service.label() + service.configuredEndpoint().map(e -> " at " + e).orElse(" not configured"));
        }
        return style.join(parts);
    }

    /** Region, credentials, HTTP client, timeouts and the guard; the endpoint is the SDK's to find. */
    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return aws() ? LocalEndpoints.aws(builder, region, new ReadOnlyGuard())
                : LocalEndpoints.signedLocally(builder, region == null ? LocalEndpoints.REGION : region, new ReadOnlyGuard());
    }

    private <C extends AutoCloseable> C add(C client) {
        open.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable client : open) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing on the way out: nothing left to do with it.
            }
        }
    }

    private static Region configuredRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return null;
        }
    }
}
