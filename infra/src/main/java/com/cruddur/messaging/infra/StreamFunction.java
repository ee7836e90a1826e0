package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.MessagesTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.Version;
import software.amazon.awscdk.services.lambda.VersionOptions;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The stream handler: its least-privilege role, the function (SnapStart, published as a version
 * behind the {@value #ALIAS_NAME} alias), and the event source mapping from the table's stream to
 * the alias, with its filter and failure destination. Every setting both sides must agree on comes
 * from {@link DeploymentContract}.
 */
final class StreamFunction extends Construct {

    /** The alias the event source mapping invokes. */
    static final String ALIAS_NAME = "live";
    /** The mapping's metrics group of event counts ({@code MetricsConfig.Metrics}). */
    static final String EVENT_COUNT_METRICS = "EventCount";

    private final Role role;
    private final LogGroup logGroup;
    private final Function function;
    private final Alias alias;
    private final CfnEventSourceMapping mapping;

    /**
     * @param config the jar, the handler's write path (its role's write statement depends on it), active
     *               tracing (see {@link #tracingStatement()}) and where the mapping starts reading
     * @throws IllegalStateException when the lambda jar does not exist
     */
    StreamFunction(Construct scope, String id, StackConfig config, MessagesTableRef table, PrivateNetwork network,
                   FailureDestination failureDestination) {
        super(scope, id);
        Path lambdaJar = config.lambdaJar();
        String writeMode = config.writeMode();
        boolean activeTracing = config.observability().activeTracing();
        if (!Files.isRegularFile(lambdaJar)) {
            throw new IllegalStateException("The function's jar " + lambdaJar.toAbsolutePath().normalize()
                    + " does not exist: build the lambda module first (./dev build, or ./mvnw -pl lambda -am "
                    + "package), or point -c " + StackConfig.LAMBDA_JAR + "=... at the jar.");
        }
        // A month was enough to investigate what an alarm reported; a year is what Control Tower asks.
        logGroup = LogGroups.create(this, "Logs");
        role = role(table, writeMode, network, failureDestination, logGroup, activeTracing);

        Map<String, String> environment = FunctionEnvironment.of(table.tableName(), writeMode);
        function = Function.Builder.create(this, "Function")
                .description("Re-creates Cruddur conversation-list rows from the cruddur-messages stream")
                .runtime(Runtime.JAVA_25)
                // Graviton: about 20% cheaper per GB-second than x86 for the same JVM workload.
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(lambdaJar.toString()))
                .handler(DeploymentContract.HANDLER)
                // Memory buys CPU (1,769 MB = one vCPU): enough for the JVM and the AWS SDK to start
                // quickly and to JIT the hot path; a batch (at most BATCH_SIZE records) is coalesced
                // per conversation and held in memory only while it is processed.
                .memorySize(DeploymentContract.FUNCTION_MEMORY_MB)
                // A warm full batch costs one query and one write round per conversation (put-first: the
                // puts, then the deletes; transactional: one transaction), every conversation of it at
                // once (MAX_CONCURRENCY = BATCH_SIZE): well under the timeout, which leaves room for the SDK's and the handler's retries
                // with back-off, and stays far below the mapping's maximum record age.
                .timeout(Duration.seconds(DeploymentContract.FUNCTION_TIMEOUT.toSeconds()))
                .role(role.withoutPolicyUpdates())
                .vpc(network.vpc())
                .vpcSubnets(network.functionSubnets())
                .securityGroups(List.of(network.functionSecurityGroup()))
                .environment(environment)
                // Own log group with a retention period (instead of the deprecated logRetention custom
                // resource), JSON lines so Logs Insights can filter on fields.
                .logGroup(logGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.INFO)
                // SnapStart for published versions: Lambda initialises each new version once, runs the
                // handler's priming hook (org.crac beforeCheckpoint: the per-record code, one index query
                // and one write its own condition refuses, so nothing is written) and snapshots it; cold
                // starts restore the snapshot. The mapping invokes the alias of a published version, which is
                // what SnapStart applies to ($LATEST never gets it).
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                // Active: Lambda samples invocations and records its own segments for them (see
                // tracingStatement); Disabled leaves the default, PassThrough, which traces nothing here (no
                // upstream service sends a trace header with a stream record).
                .tracing(activeTracing ? Tracing.ACTIVE : Tracing.DISABLED)
                // CDK's default for the current version is DESTROY: each deploy would delete the previous
                // version. Retained, a previous version stays published, so the alias can be pointed back
                // at it in seconds (infra/README-ops.md, "Rolling back a deploy").
                .currentVersionOptions(VersionOptions.builder().removalPolicy(RemovalPolicy.RETAIN).build())
                .build();
        Suppressions.nag(function, "Serverless-LambdaDLQ",
                "A dead-letter queue serves asynchronous invocations only; the event source mapping invokes the "
                        + "function synchronously, and the batches it gives up on go to the mapping's own on-failure "
                        + "destination (StreamFailureDestination), where an alarm watches them.");
        if (!activeTracing) {
            Suppressions.nag(function, "Serverless-LambdaTracing",
                    "Active tracing is turned off for this deployment (-c " + StackConfig.ACTIVE_TRACING + "=false). "
                            + "The handler logs one JSON line per batch with ids, counts and its duration, writes its "
                            + "EMF metrics, and the alarms and the dashboard read them with Lambda's own metrics.");
        }
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "The stack publishes a version (currentVersion) and the mapping invokes its alias.");

        Version version = function.getCurrentVersion();
        // Publishing the version runs the priming hook, whose requests go through the gateway endpoint:
        // its route and policy must exist first, or priming times out and the snapshot stays cold.
        version.getNode().addDependency(network.dynamoDbEndpoint());
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(version)
                .build();

        mapping = mapStream(table, failureDestination, network, config.startingPosition());
    }

    Role role() {
        return role;
    }

    LogGroup logGroup() {
        return logGroup;
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }

    /** The event source mapping; its {@code Ref} is its UUID, the dimension of its metrics. */
    CfnEventSourceMapping mapping() {
        return mapping;
    }

    /**
     * The function's role. Explicit and complete: the function gets it through
     * {@link Role#withoutPolicyUpdates()}, so no CDK construct can add a grant to it, and every
     * statement is an inline policy of the role itself.
     */
    private Role role(MessagesTableRef table, String writeMode, PrivateNetwork network,
                      FailureDestination failureDestination, LogGroup logGroup, boolean activeTracing) {
        Map<String, PolicyDocument> policies = new LinkedHashMap<>();
        policies.put("dynamodb-group-rows", document(TableAccess.groupRowStatements(table, writeMode)));
        policies.put("dynamodb-stream", document(TableAccess.streamStatements(table)));
        table.customerManagedKeyArn().ifPresent(key ->
                policies.put("dynamodb-table-key", document(List.of(TableAccess.tableKeyStatement(key)))));
        policies.put("failure-destination", document(failureDestination.deliveryStatements()));
        policies.put("logs", document(List.of(LogGroups.writeStatement(logGroup))));
        policies.put("vpc-network-interfaces", document(network.networkInterfaceStatements()));
        if (activeTracing) {
            policies.put("xray-tracing", document(List.of(tracingStatement())));
        }

        Role functionRole = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Cruddur messages stream handler: least privilege, no managed policies")
                .inlinePolicies(policies)
                .build();
        String tracing = activeTracing
                ? ", xray:PutTraceSegments and xray:PutTelemetryRecords (Lambda's active tracing uploads the "
                        + "segments it records for the function with the function's role)"
                : "";
        Suppressions.nag(functionRole, "AwsSolutions-IAM5",
                "Actions without resource types in the Service Authorization Reference can only be granted on "
                        + "'*': dynamodb:ListStreams (Lambda's event source mapping lists the table's streams; "
                        + "it returns ARNs, no data), ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets "
                        + "(Lambda attaching the function to its subnets)" + tracing + ". ENI ids are assigned by "
                        + "EC2, so create/delete/assign act on network-interface/* of this account and region only, "
                        + "and creation is limited to the function's subnets and security group.",
                "Resource::*",
                "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*");
        Suppressions.nag(functionRole, "AwsSolutions-IAM5",
                "Lambda names each failure object aws/lambda/<mapping UUID>/<shard>/<date>/<time>-<random UUID> (Lambda "
                        + "developer guide, \"Retain discarded records for a DynamoDB event source in Lambda\"), so "
                        + "s3:PutObject can only be granted on that prefix of the stack's own failure bucket, held to "
                        + "this account (s3:ResourceAccount); the role may not read, list versions of or delete them.",
                "Resource::<" + failureDestination.bucketLogicalId() + ".Arn>/"
                        + FailureObjects.KEY_PREFIX + "*");
        Suppressions.nag(functionRole, "Serverless-LambdaStarPermissions",
                "The role's only '*' resources are those of actions IAM cannot scope (dynamodb:ListStreams, "
                        + "ec2:DescribeNetworkInterfaces, ec2:DescribeSubnets" + (activeTracing ? ", the two X-Ray "
                        + "uploads" : "") + "; see the AwsSolutions-IAM5 reason) and network-interface/* for the ENIs "
                        + "Lambda creates in the function's subnets. No action is a wildcard and every DynamoDB data "
                        + "action is on the table, its index or its stream.");
        return functionRole;
    }

    /**
     * What Lambda's active tracing needs on the function's role: "Your function needs permission to
     * upload trace data to X-Ray" (Lambda developer guide, "Visualize Lambda function invocations using
     * AWS X-Ray"), the two actions the console adds. Neither has a resource type in the Service
     * Authorization Reference ("Actions, resources, and condition keys for AWS X-Ray"), so '*'.
     *
     * <p>It opens no network path: the function has no X-Ray SDK, and what is traced is what Lambda
     * records itself. What that shows from the isolated VPC, and what it cannot, is in
     * infra/README-ops.md ("Tracing").
     */
    static PolicyStatement tracingStatement() {
        return PolicyStatement.Builder.create()
                .sid("UploadTraces")
                .actions(List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"))
                .resources(List.of("*"))
                .build();
    }

    /** The mapping from the table's stream to the function's alias. */
    private CfnEventSourceMapping mapStream(MessagesTableRef table, FailureDestination failureDestination,
                                            PrivateNetwork network, String startingPosition) {
        CfnEventSourceMapping cfnMapping = CfnEventSourceMapping.Builder.create(this, "StreamMapping")
                .eventSourceArn(table.streamArn())
                .functionName(alias.getFunctionArn())
                // The filter the local `watch` applies too: new and edited messages (MSG# keys) only;
                // REMOVE events and the handler's own GRP# writes never invoke the function.
                .filterCriteria(CfnEventSourceMapping.FilterCriteriaProperty.builder()
                        .filters(List.of(CfnEventSourceMapping.FilterProperty.builder()
                                .pattern(DeploymentContract.EVENT_FILTER_PATTERN)
                                .build()))
                        .build())
                // A new table: TRIM_HORIZON, the oldest record still in the stream, so no message written
                // before the mapping existed is skipped (re-processing is harmless: the handler only moves a
                // row forward). An existing table: LATEST, since up to 24 hours of its records are older than
                // the maximum record age and would all go straight to the failure destination; the cutover
                // runbook closes the gap with reconcile. Changing it replaces the mapping (CloudFormation:
                // "Update requires: Replacement"), after which the runbook says to reconcile too.
                .startingPosition(startingPosition)
                // The handler coalesces a batch per conversation (one query and one write round each), so
                // under load a larger batch means fewer requests and invocations; a malformed record is
                // skipped and a failed conversation reported alone, so a large batch does not widen a
                // failure. No batching window: a quiet stream is delivered at once (4 polls a second).
                .batchSize(DeploymentContract.BATCH_SIZE)
                .maximumBatchingWindowInSeconds(DeploymentContract.MAX_BATCHING_WINDOW_SECONDS)
                // The handler reports the records it could not process; Lambda retries from the first.
                .functionResponseTypes(List.of("ReportBatchItemFailures"))
                // On a function error (crash, timeout) halve the batch to isolate the bad record.
                .bisectBatchOnFunctionError(DeploymentContract.BISECT_BATCH_ON_FUNCTION_ERROR)
                // Bounded: a record that still fails after the retries (enough for throttling or
                // contention to clear) goes to the failure destination instead of blocking its shard
                // until the stream drops it after 24 hours.
                .maximumRetryAttempts(DeploymentContract.MAX_RETRY_ATTEMPTS)
                // An hour behind, a conversation list is stale anyway; give up on the record, whose batch the
                // failure bucket then keeps whole for redrive (for its retention, not the stream's 24 hours).
                .maximumRecordAgeInSeconds((int) DeploymentContract.MAX_RECORD_AGE.toSeconds())
                // One batch per shard at a time: a conversation's messages are processed in order.
                .parallelizationFactor(DeploymentContract.PARALLELIZATION_FACTOR)
                // For an S3 destination Lambda keeps the whole batch, not only its position in the stream.
                .destinationConfig(CfnEventSourceMapping.DestinationConfigProperty.builder()
                        .onFailure(CfnEventSourceMapping.OnFailureProperty.builder()
                                .destination(failureDestination.bucket().getBucketArn())
                                .build())
                        .build())
                // Lambda's own counts of the records it polled, filtered out, invoked the function with,
                // failed to invoke with, delivered to the failure destination and dropped (Lambda developer
                // guide, "Event source mapping metrics"): what the alarms on given-up batches read.
                .metricsConfig(CfnEventSourceMapping.MetricsConfigProperty.builder()
                        .metrics(List.of(EVENT_COUNT_METRICS))
                        .build())
                .enabled(true)
                .build();
        // The function must reach DynamoDB from its first invocation: route and policy first (the
        // alias waits for them through the version as well).
        cfnMapping.getNode().addDependency(network.dynamoDbEndpoint());
        return cfnMapping;
    }

    static PolicyDocument document(List<PolicyStatement> statements) {
        return PolicyDocument.Builder.create().statements(statements).build();
    }
}
