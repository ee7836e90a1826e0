package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment parameters of {@link MessagingStack}, parsed once from the CDK context
 * ({@code cdk synth -c key=value}, or the {@code context} block of {@code cdk.json}).
 *
 * <p>Context keys:
 * <ul>
 *   <li>{@value #TABLE_NAME}: the name of the table the stack creates, default
 *       {@link MessagesTable#DEFAULT_TABLE_NAME};</li>
 *   <li>{@value #EXISTING_TABLE_NAME} and {@value #EXISTING_TABLE_STREAM_ARN}: use a table that
 *       already exists instead (the stack then creates no table): its name and the ARN of its
 *       {@code NEW_IMAGE} stream. Both or neither;</li>
 *   <li>{@value #VPC_ID}, {@value #SUBNET_IDS}, {@value #ROUTE_TABLE_IDS},
 *       {@value #AVAILABILITY_ZONES}: an existing VPC and the private subnets the function runs in,
 *       with each subnet's route table and availability zone, in the same order (comma-separated
 *       strings or JSON arrays). All four or none; none creates a new isolated VPC. Given as ids,
 *       so synth needs no AWS lookup. The DynamoDB gateway endpoint and its policy apply to every
 *       workload on those route tables, so they must be used by this function's subnets alone,
 *       which {@value #DEDICATED_ROUTE_TABLES}{@code =true} confirms;</li>
 *   <li>{@value #LAMBDA_JAR}: the function's deployment jar, default {@value #DEFAULT_LAMBDA_JAR},
 *       relative to the working directory of the app ({@code infra/});</li>
 *   <li>{@value #ALARM_TOPIC_ARN}, {@value #ACTIVE_TRACING}, {@value #RUNBOOK_URL}: what ops are told and
 *       how ({@link Observability}).</li>
 * </ul>
 *
 * @param tableName     the DynamoDB table name (the existing table's, if there is one)
 * @param existingTable the table to use; empty to create one
 * @param existingVpc   the VPC to deploy into; empty to create one
 * @param lambdaJar     path of the shaded jar of the {@code lambda} module
 * @param writeMode     the handler's write path ({@value #WRITE_MODE}: one of
 *                      {@link DeploymentContract.WriteModes#ALL}, default {@link DeploymentContract.WriteModes#DEFAULT})
 * @param observability where alarms notify, whether the function is traced, where the runbook is
 */
public record StackConfig(String tableName, Optional<ExistingTable> existingTable, Optional<ExistingVpc> existingVpc,
                          Path lambdaJar, String writeMode, Observability observability) {

    public static final String TABLE_NAME = "tableName";
    public static final String EXISTING_TABLE_NAME = "existingTableName";
    public static final String EXISTING_TABLE_STREAM_ARN = "existingTableStreamArn";
    public static final String VPC_ID = "vpcId";
    public static final String SUBNET_IDS = "subnetIds";
    public static final String ROUTE_TABLE_IDS = "routeTableIds";
    public static final String AVAILABILITY_ZONES = "availabilityZones";
    public static final String DEDICATED_ROUTE_TABLES = "dedicatedRouteTables";
    public static final String LAMBDA_JAR = "lambdaJar";
    public static final String WRITE_MODE = "writeMode";
    public static final String ALARM_TOPIC_ARN = "alarmTopicArn";
    public static final String ACTIVE_TRACING = "activeTracing";
    public static final String RUNBOOK_URL = "runbookUrl";

    /** Where {@code ./dev build} puts the function's jar, seen from {@code infra/}. */
    public static final String DEFAULT_LAMBDA_JAR = "../lambda/target/messaging-stream-lambda.jar";

    // DynamoDB's table-name rule.
    private static final String TABLE_NAME_CHARS = "[a-zA-Z0-9_.-]{3,255}";
    private static final Pattern TABLE_NAME_PATTERN = Pattern.compile(TABLE_NAME_CHARS);
    // arn:<partition>:dynamodb:<region>:<account>:table/<name>/stream/<label>; the label is the
    // stream's creation time (DescribeTable's LatestStreamLabel).
    private static final Pattern STREAM_ARN_PATTERN = Pattern.compile("arn:(aws(?:-[a-z]+)*):dynamodb:"
            + "([a-z]{2}(?:-[a-z]+)+-\\d):(\\d{12}):table/(" + TABLE_NAME_CHARS + ")/stream/"
            + "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3})");
    private static final Pattern VPC_ID_PATTERN = Pattern.compile("vpc-[0-9a-f]{8,17}");
    private static final Pattern SUBNET_ID_PATTERN = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern ROUTE_TABLE_ID_PATTERN = Pattern.compile("rtb-[0-9a-f]{8,17}");
    private static final Pattern AZ_PATTERN = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d[a-z]");
    // arn:<partition>:sns:<region>:<account>:<topic name> (1-256 of A-Z a-z 0-9 _ -, a FIFO topic's ends in .fifo).
    private static final Pattern TOPIC_ARN_PATTERN = Pattern.compile("arn:aws(?:-[a-z]+)*:sns:[a-z]{2}(?:-[a-z]+)+-\\d:"
            + "\\d{12}:[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");
    // A link without spaces or a fragment (the alarm adds #anchor), short enough for an alarm description.
    private static final Pattern RUNBOOK_URL_PATTERN = Pattern.compile("[^\\s#]{1,300}");

    public StackConfig {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(existingTable, "existingTable");
        Objects.requireNonNull(existingVpc, "existingVpc");
        Objects.requireNonNull(lambdaJar, "lambdaJar");
        Objects.requireNonNull(observability, "observability");
        if (!TABLE_NAME_PATTERN.matcher(tableName).matches()) {
            throw new IllegalArgumentException("context " + TABLE_NAME + "=" + tableName
                    + " is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)");
        }
        if (existingTable.isPresent() && !existingTable.get().tableName().equals(tableName)) {
            throw new IllegalArgumentException("context " + TABLE_NAME + "=" + tableName + " and "
                    + EXISTING_TABLE_NAME + "=" + existingTable.get().tableName() + " name different tables: give one");
        }
        if (!DeploymentContract.WriteModes.ALL.contains(writeMode)) {
            throw new IllegalArgumentException("context " + WRITE_MODE + "=" + writeMode + " is not a write mode: use one of "
                    + DeploymentContract.WriteModes.ALL);
        }
    }

    /**
     * What on-call gets from the stack.
     *
     * @param alarmTopicArn  an existing SNS topic that receives every alarm's ALARM and OK notifications;
     *                       empty: the stack creates an encrypted topic ({@value #ALARM_TOPIC_ARN})
     * @param activeTracing  Lambda active tracing (X-Ray) of the function, default on ({@value #ACTIVE_TRACING})
     * @param runbookUrl     where the runbook {@code infra/README-ops.md} is read; each alarm's description
     *                       links {@code runbookUrl#anchor} ({@value #RUNBOOK_URL}, default
     *                       {@value #DEFAULT_RUNBOOK_URL}, the file's path in the repository)
     */
    public record Observability(Optional<String> alarmTopicArn, boolean activeTracing, String runbookUrl) {

        public static final String DEFAULT_RUNBOOK_URL = "infra/README-ops.md";

        public Observability {
            Objects.requireNonNull(alarmTopicArn, "alarmTopicArn");
            Objects.requireNonNull(runbookUrl, "runbookUrl");
            alarmTopicArn.ifPresent(arn -> {
                if (!TOPIC_ARN_PATTERN.matcher(arn).matches()) {
                    throw new IllegalArgumentException("context " + ALARM_TOPIC_ARN + "=" + arn + " is not an SNS topic ARN "
                            + "(arn:aws:sns:REGION:ACCOUNT:TOPIC_NAME; aws sns list-topics)");
                }
            });
            if (!RUNBOOK_URL_PATTERN.matcher(runbookUrl).matches()) {
                throw new IllegalArgumentException("context " + RUNBOOK_URL + "=" + runbookUrl + " is not a link to the "
                        + "runbook (no spaces, no #fragment, at most 300 characters), e.g. "
                        + "https://github.com/OWNER/REPO/blob/main/infra/README-ops.md");
            }
        }

        /** The defaults: a topic created by the stack, tracing on, the runbook's path in the repository. */
        public static Observability defaults() {
            return new Observability(Optional.empty(), true, DEFAULT_RUNBOOK_URL);
        }
    }

    /**
     * A table that already exists, given by name and by the ARN of its stream; the table's own ARN
     * is the stream's without the stream part, so it is in the stream's partition, region and account.
     */
    public record ExistingTable(String tableName, String streamArn, String partition, String region, String account)
            implements MessagesTableRef {

        public ExistingTable {
            Objects.requireNonNull(tableName, "tableName");
            Objects.requireNonNull(streamArn, "streamArn");
        }

        /**
         * Parses and checks the pair.
         *
         * @throws IllegalArgumentException when the ARN is not a DynamoDB stream ARN of that table
         */
        static ExistingTable of(String tableName, String streamArn) {
            if (!TABLE_NAME_PATTERN.matcher(tableName).matches()) {
                throw new IllegalArgumentException("context " + EXISTING_TABLE_NAME + "=" + tableName
                        + " is not a DynamoDB table name (3-255 of a-z A-Z 0-9 _ . -)");
            }
            Matcher arn = STREAM_ARN_PATTERN.matcher(streamArn);
            if (!arn.matches()) {
                throw new IllegalArgumentException("context " + EXISTING_TABLE_STREAM_ARN + "=" + streamArn
                        + " is not a DynamoDB stream ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL; "
                        + "aws dynamodb describe-table --table-name " + tableName + " --query Table.LatestStreamArn)");
            }
            if (!arn.group(4).equals(tableName)) {
                throw new IllegalArgumentException("context " + EXISTING_TABLE_STREAM_ARN + " is the stream of table "
                        + arn.group(4) + ", not of " + EXISTING_TABLE_NAME + "=" + tableName);
            }
            return new ExistingTable(tableName, streamArn, arn.group(1), arn.group(2), arn.group(3));
        }

        /** {@code arn:<partition>:dynamodb:<region>:<account>:table/<name>}. */
        @Override
        public String tableArn() {
            return "arn:" + partition + ":dynamodb:" + region + ":" + account + ":table/" + tableName;
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

    /** The defaults: table {@code cruddur-messages} created by the stack, a new VPC, the jar where the build puts it. */
    public static StackConfig defaults() {
        return fromContext(key -> null);
    }

    /**
     * Parses the configuration.
     *
     * @param context looks a context key up; returns null when the key is not set
     * @throws IllegalArgumentException with a one-line explanation when a value is malformed, the
     *         existing-table or VPC keys are incomplete, or the VPC's route tables are not confirmed
     *         to be the function's alone
     */
    public static StackConfig fromContext(Function<String, Object> context) {
        Optional<ExistingTable> existingTable = existingTable(context);
        String tableName = string(context, TABLE_NAME)
                .or(() -> existingTable.map(ExistingTable::tableName))
                .orElse(MessagesTable.DEFAULT_TABLE_NAME);
        Path lambdaJar = Path.of(string(context, LAMBDA_JAR).orElse(DEFAULT_LAMBDA_JAR));
        String writeMode = string(context, WRITE_MODE).orElse(DeploymentContract.WriteModes.DEFAULT);
        return new StackConfig(tableName, existingTable, existingVpc(context), lambdaJar, writeMode,
                observability(context));
    }

    private static Observability observability(Function<String, Object> context) {
        Optional<String> tracing = string(context, ACTIVE_TRACING);
        if (tracing.isPresent() && !tracing.get().equals("true") && !tracing.get().equals("false")) {
            throw new IllegalArgumentException("context " + ACTIVE_TRACING + "=" + tracing.get() + ": give true or false");
        }
        return new Observability(string(context, ALARM_TOPIC_ARN), !tracing.equals(Optional.of("false")),
                string(context, RUNBOOK_URL).orElse(Observability.DEFAULT_RUNBOOK_URL));
    }

    private static Optional<ExistingTable> existingTable(Function<String, Object> context) {
        Optional<String> name = string(context, EXISTING_TABLE_NAME);
        Optional<String> streamArn = string(context, EXISTING_TABLE_STREAM_ARN);
        if (name.isPresent() && streamArn.isEmpty()) {
            throw new IllegalArgumentException("context " + EXISTING_TABLE_NAME + "=" + name.get() + " needs "
                    + EXISTING_TABLE_STREAM_ARN + "=ARN: the table must have a stream of view type NEW_IMAGE "
                    + "(the function reads the message text from it); enable one with aws dynamodb update-table "
                    + "--table-name " + name.get() + " --stream-specification StreamEnabled=true,StreamViewType=NEW_IMAGE "
                    + "and pass its LatestStreamArn");
        }
        if (streamArn.isPresent() && name.isEmpty()) {
            throw new IllegalArgumentException("context " + EXISTING_TABLE_STREAM_ARN + " is the stream of an existing "
                    + "table: set " + EXISTING_TABLE_NAME + " to that table's name as well");
        }
        return name.map(n -> ExistingTable.of(n, streamArn.get()));
    }

    private static Optional<ExistingVpc> existingVpc(Function<String, Object> context) {
        Optional<String> vpcId = string(context, VPC_ID);
        List<String> subnetIds = list(context, SUBNET_IDS);
        List<String> routeTableIds = list(context, ROUTE_TABLE_IDS);
        List<String> availabilityZones = list(context, AVAILABILITY_ZONES);
        if (vpcId.isEmpty()) {
            if (!subnetIds.isEmpty() || !routeTableIds.isEmpty() || !availabilityZones.isEmpty()) {
                throw new IllegalArgumentException("context " + SUBNET_IDS + ", " + ROUTE_TABLE_IDS + " and "
                        + AVAILABILITY_ZONES + " describe an existing VPC: set " + VPC_ID + " as well");
            }
            return Optional.empty();
        }
        ExistingVpc vpc = new ExistingVpc(vpcId.get(), subnetIds, routeTableIds, availabilityZones);
        // A gateway endpoint changes how every subnet on its route tables reaches DynamoDB, and its
        // policy admits only this function's role to this table: on shared route tables every other
        // workload's DynamoDB calls would be denied.
        if (!"true".equals(string(context, DEDICATED_ROUTE_TABLES).orElse(""))) {
            throw new IllegalArgumentException("context " + ROUTE_TABLE_IDS + "=" + String.join(",", routeTableIds)
                    + ": the DynamoDB gateway endpoint's route and policy (this function's role and table only) "
                    + "apply to every subnet on these route tables; give route tables used by the function's "
                    + "subnets alone and confirm with -c " + DEDICATED_ROUTE_TABLES + "=true (infra/README-ops.md)");
        }
        return Optional.of(vpc);
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
