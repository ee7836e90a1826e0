package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.ContextValues.bool;
import static com.cruddur.messaging.infra.ContextValues.list;
import static com.cruddur.messaging.infra.ContextValues.string;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.nio.file.Path;
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
 *   <li>{@value #TABLE_NAME}: the name of the table the stack creates, default
 *       {@link MessagesTable#DEFAULT_TABLE_NAME};</li>
 *   <li>{@value #EXISTING_TABLE_NAME} and {@value #EXISTING_TABLE_STREAM_ARN}: use a table that
 *       already exists instead (the stack then creates no table): its name and the ARN of its
 *       {@code NEW_IMAGE} stream. Both or neither; with {@value #EXISTING_TABLE_KMS_KEY_ARN}, the ARN of
 *       the customer managed KMS key that table is encrypted with ({@link ExistingTable});</li>
 *   <li>{@value #TABLE_DELETION_PROTECTION}, {@value #FAILURE_RETENTION_DAYS}: what keeps data
 *       ({@link DataProtection});</li>
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
 * @param dataProtection the new table's deletion protection and how long failure objects are kept
 */
public record StackConfig(String tableName, Optional<ExistingTable> existingTable, Optional<ExistingVpc> existingVpc,
                          Path lambdaJar, String writeMode, Observability observability, DataProtection dataProtection) {

    public static final String TABLE_NAME = DeploymentContract.Context.TABLE_NAME;
    public static final String EXISTING_TABLE_NAME = DeploymentContract.Context.EXISTING_TABLE_NAME;
    public static final String EXISTING_TABLE_STREAM_ARN = "existingTableStreamArn";
    public static final String EXISTING_TABLE_KMS_KEY_ARN = DeploymentContract.Context.EXISTING_TABLE_KMS_KEY_ARN;
    public static final String TABLE_DELETION_PROTECTION = "tableDeletionProtection";
    public static final String FAILURE_RETENTION_DAYS = "failureRetentionDays";
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
    public static final String DEFAULT_LAMBDA_JAR = "../" + DeploymentContract.FUNCTION_JAR;

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
        Objects.requireNonNull(dataProtection, "dataProtection");
        if (!ExistingTable.TABLE_NAME_PATTERN.matcher(tableName).matches()) {
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
        if (existingTable.isPresent() && dataProtection.tableDeletionProtection()) {
            throw new IllegalArgumentException("context " + TABLE_DELETION_PROTECTION + " applies to the table the stack "
                    + "creates; the stack does not own " + existingTable.get().tableName() + ": its owner turns "
                    + "deletion protection on (aws dynamodb update-table --table-name " + existingTable.get().tableName()
                    + " --deletion-protection-enabled)");
        }
    }

    /**
     * Where the event source mapping starts reading the stream: {@link DeploymentContract#STARTING_POSITION_NEW_TABLE}
     * for the table the stack creates, {@link DeploymentContract#STARTING_POSITION_EXISTING_TABLE} for an existing one.
     */
    public String startingPosition() {
        return existingTable.isPresent()
                ? DeploymentContract.STARTING_POSITION_EXISTING_TABLE
                : DeploymentContract.STARTING_POSITION_NEW_TABLE;
    }

    /**
     * What keeps the stack's data, and for how long.
     *
     * @param tableDeletionProtection DynamoDB deletion protection of the table the stack creates
     *                                ({@value #TABLE_DELETION_PROTECTION}, default off). Off for the first
     *                                deploy: a first deploy that fails is rolled back, and the rollback must be
     *                                able to delete the table it created (deletion policy RetainExceptOnCreate),
     *                                which deletion protection would refuse. Turned on once, after the first
     *                                successful deploy, and recorded in cdk.json (infra/README-ops.md)
     * @param failureRetentionDays    days S3 keeps a failure object before expiring it
     *                                ({@value #FAILURE_RETENTION_DAYS}, 1 to 365, default
     *                                {@link DeploymentContract.Stack#DEFAULT_FAILURE_RETENTION_DAYS})
     */
    public record DataProtection(boolean tableDeletionProtection, int failureRetentionDays) {

        public DataProtection {
            if (failureRetentionDays < 1 || failureRetentionDays > 365) {
                throw new IllegalArgumentException("context " + FAILURE_RETENTION_DAYS + "=" + failureRetentionDays
                        + ": give a whole number of days from 1 to 365");
            }
        }

        /** Deletion protection off (the first deploy), failure objects kept for the default retention. */
        public static DataProtection defaults() {
            return new DataProtection(false, DeploymentContract.Stack.DEFAULT_FAILURE_RETENTION_DAYS);
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
                observability(context), dataProtection(context));
    }

    private static DataProtection dataProtection(Function<String, Object> context) {
        Optional<String> days = string(context, FAILURE_RETENTION_DAYS);
        int retention = DeploymentContract.Stack.DEFAULT_FAILURE_RETENTION_DAYS;
        if (days.isPresent()) {
            if (!days.get().matches("\\d{1,4}")) {
                throw new IllegalArgumentException("context " + FAILURE_RETENTION_DAYS + "=" + days.get()
                        + ": give a whole number of days from 1 to 365");
            }
            retention = Integer.parseInt(days.get());
        }
        return new DataProtection(bool(context, TABLE_DELETION_PROTECTION, false), retention);
    }

    private static Observability observability(Function<String, Object> context) {
        return new Observability(string(context, ALARM_TOPIC_ARN), bool(context, ACTIVE_TRACING, true),
                string(context, RUNBOOK_URL).orElse(Observability.DEFAULT_RUNBOOK_URL));
    }

    private static Optional<ExistingTable> existingTable(Function<String, Object> context) {
        Optional<String> name = string(context, EXISTING_TABLE_NAME);
        Optional<String> streamArn = string(context, EXISTING_TABLE_STREAM_ARN);
        Optional<String> kmsKeyArn = string(context, EXISTING_TABLE_KMS_KEY_ARN);
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
        if (kmsKeyArn.isPresent() && name.isEmpty()) {
            throw new IllegalArgumentException("context " + EXISTING_TABLE_KMS_KEY_ARN + " is the key of an existing "
                    + "table: set " + EXISTING_TABLE_NAME + " and " + EXISTING_TABLE_STREAM_ARN + " as well (a table the "
                    + "stack creates uses the AWS managed key aws/dynamodb)");
        }
        return name.map(n -> ExistingTable.of(n, streamArn.get(), kmsKeyArn));
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
}
