package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.MessagesTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The deployment parameters of {@link MessagingStack}, parsed once from the CDK context
 * ({@code cdk synth -c key=value}, or the {@code context} block of {@code cdk.json}).
 *
 * <p>Context keys:
 * <ul>
 *   <li>{@value #TABLE_NAME}: the table name, default {@link MessagesTable#DEFAULT_TABLE_NAME};</li>
 *   <li>{@value #VPC_ID}, {@value #SUBNET_IDS}, {@value #ROUTE_TABLE_IDS},
 *       {@value #AVAILABILITY_ZONES}: an existing VPC and the private subnets the function runs in,
 *       with each subnet's route table and availability zone, in the same order (comma-separated
 *       strings or JSON arrays). All four or none; none creates a new isolated VPC. Given as ids,
 *       so synth needs no AWS lookup;</li>
 *   <li>{@value #LAMBDA_JAR}: the function's deployment jar, default {@value #DEFAULT_LAMBDA_JAR},
 *       relative to the working directory of the app ({@code infra/}).</li>
 * </ul>
 *
 * @param tableName   the DynamoDB table name
 * @param existingVpc the VPC to deploy into; empty to create one
 * @param lambdaJar   path of the shaded jar of the {@code lambda} module
 */
public record StackConfig(String tableName, Optional<ExistingVpc> existingVpc, Path lambdaJar) {

    public static final String TABLE_NAME = "tableName";
    public static final String VPC_ID = "vpcId";
    public static final String SUBNET_IDS = "subnetIds";
    public static final String ROUTE_TABLE_IDS = "routeTableIds";
    public static final String AVAILABILITY_ZONES = "availabilityZones";
    public static final String LAMBDA_JAR = "lambdaJar";

    /** Where {@code ./dev build} puts the function's jar, seen from {@code infra/}. */
    public static final String DEFAULT_LAMBDA_JAR = "../lambda/target/messaging-stream-lambda.jar";

    // DynamoDB's table-name rule.
    private static final Pattern TABLE_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Pattern VPC_ID_PATTERN = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID_PATTERN = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern ROUTE_TABLE_ID_PATTERN = Pattern.compile("rtb-[0-9a-f]{8,17}");
    private static final Pattern AZ_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");

    public StackConfig {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(existingVpc, "existingVpc");
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        if (!TABLE_NAME_PATTERN.matcher(tableName).matches()) {
            throw new IllegalArgumentException("context " + TABLE_NAME + "=" + tableName
                    + " is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)");
        }
    }

    /**
     * An existing VPC, given by ids: the function's subnets, their route tables (the DynamoDB gateway
     * endpoint adds its route there) and their availability zones, index for index.
     */
    public record ExistingVpc(String vpcId, List<String> subnetIds, List<String> routeTableIds,
                              List<String> availabilityZones) {

        public ExistingVpc {
            subnetIds = List.copyOf(subnetIds);
            routeTableIds = List.copyOf(routeTableIds);
            availabilityZones = List.copyOf(availabilityZones);
            require(VPC_ID, List.of(vpcId), VPC_ID_PATTERN);
            require(SUBNET_IDS, subnetIds, SUBNET_ID_PATTERN);
            require(ROUTE_TABLE_IDS, routeTableIds, ROUTE_TABLE_ID_PATTERN);
            require(AVAILABILITY_ZONES, availabilityZones, AZ_PATTERN);
            if (subnetIds.isEmpty()
                    || routeTableIds.size() != subnetIds.size()
                    || availabilityZones.size() != subnetIds.size()) {
                throw new IllegalArgumentException("context " + SUBNET_IDS + ", " + ROUTE_TABLE_IDS + " and "
                        + AVAILABILITY_ZONES + " must list one entry per subnet, in the same order; got "
                        + subnetIds.size() + ", " + routeTableIds.size() + " and " + availabilityZones.size());
            }
        }

        private static void require(String key, List<String> values, Pattern pattern) {
            for (String value : values) {
                if (!pattern.matcher(value).matches()) {
                    throw new IllegalArgumentException(
                            "context " + key + ": '" + value + "' does not look like " + pattern.pattern());
                }
            }
        }
    }

    /** The defaults: table {@code cruddur-messages}, a new VPC, the jar where the build puts it. */
    public static StackConfig defaults() {
        return fromContext(key -> null);
    }

    /**
     * Parses the configuration.
     *
     * @param context looks a context key up; returns null when the key is not set
     * @throws IllegalArgumentException when a value is malformed or the VPC keys are incomplete
     */
    public static StackConfig fromContext(Function<String, Object> context) {
        String tableName = string(context, TABLE_NAME).orElse(MessagesTable.DEFAULT_TABLE_NAME);
        Path lambdaJar = Path.of(string(context, LAMBDA_JAR).orElse(DEFAULT_LAMBDA_JAR));

        Optional<String> vpcId = string(context, VPC_ID);
        List<String> subnetIds = list(context, SUBNET_IDS);
        List<String> routeTableIds = list(context, ROUTE_TABLE_IDS);
        List<String> availabilityZones = list(context, AVAILABILITY_ZONES);
        Optional<ExistingVpc> existingVpc;
        if (vpcId.isPresent()) {
            existingVpc = Optional.of(new ExistingVpc(vpcId.get(), subnetIds, routeTableIds, availabilityZones));
        } else if (!subnetIds.isEmpty() || !routeTableIds.isEmpty() || !availabilityZones.isEmpty()) {
            throw new IllegalArgumentException("context " + SUBNET_IDS + ", " + ROUTE_TABLE_IDS + " and "
                    + AVAILABILITY_ZONES + " describe an existing VPC: set " + VPC_ID + " as well");
        } else {
            existingVpc = Optional.empty();
        }
        return new StackConfig(tableName, existingVpc, lambdaJar);
    }

    private static Optional<String> string(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    // "-c subnetIds=a,b" arrives as a string; a cdk.json context entry may be a JSON array.
    private static List<String> list(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return List.of();
        }
        var items = value instanceof Collection<?> collection
                ? collection.stream().map(String::valueOf)
                : Arrays.stream(value.toString().split(","));
        return items.map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
