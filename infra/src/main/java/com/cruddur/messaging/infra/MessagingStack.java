package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpoint;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ec2.VpcAttributes;
import software.amazon.awscdk.services.iam.ArnPrincipal;
import software.amazon.awscdk.services.iam.IPrincipal;
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
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The {@code cruddur-messages} table and the stream processor that keeps conversation lists in step
 * with it: the table with its index and stream, a private network whose only way out is a DynamoDB
 * gateway endpoint, the function's least-privilege role, the function (published as a version behind
 * an alias), the event source mapping from the stream to the alias with its failure destination, and
 * the alarms ops watch.
 *
 * <p>Every map this class builds is a {@link LinkedHashMap}: the template must come out byte for byte
 * the same on every synth.
 */
public final class MessagingStack extends Stack {

    /** Handler of the {@code lambda} module. */
    public static final String HANDLER = DeploymentContract.HANDLER;
    /** The alias the event source mapping invokes. */
    public static final String ALIAS_NAME = "live";

    /** Memory of the function, in MB. */
    static final int MEMORY_MB = DeploymentContract.FUNCTION_MEMORY_MB;
    /** Timeout of the function. */
    static final Duration TIMEOUT = Duration.seconds(DeploymentContract.FUNCTION_TIMEOUT.toSeconds());
    /** Records per invocation: the deployment contract's, which the local watch uses too. */
    static final int BATCH_SIZE = DeploymentContract.BATCH_SIZE;
    /** How long Lambda waits to fill a batch. */
    static final Duration MAX_BATCHING_WINDOW = Duration.seconds(0);
    /** Retries of a failing batch before it goes to the failure destination. */
    static final int MAX_RETRY_ATTEMPTS = DeploymentContract.MAX_RETRY_ATTEMPTS;
    /** Age after which a record goes to the failure destination instead of being retried. */
    static final Duration MAX_RECORD_AGE = Duration.seconds(DeploymentContract.MAX_RECORD_AGE.toSeconds());
    /** Where a new mapping starts reading the stream. */
    static final String STARTING_POSITION = "TRIM_HORIZON";
    /** Iterator age (ms) above which conversation lists are considered to lag. */
    static final int ITERATOR_AGE_ALARM_MS = 60_000;

    private final StackConfig config;

    private Table table;
    private IVpc vpc;
    private List<ISubnet> functionSubnets;
    private SecurityGroup functionSecurityGroup;
    private GatewayVpcEndpoint dynamoDbEndpoint;
    private Queue failureDestination;
    private LogGroup functionLogGroup;
    private Role functionRole;
    private Function function;
    private Alias alias;

    /**
     * Defines the stack.
     *
     * @throws IllegalStateException when the lambda jar named by the configuration does not exist
     */
    public MessagingStack(Construct scope, String id, StackProps props, StackConfig config) {
        super(scope, id, props);
        this.config = config;

        createTable();
        createNetwork();
        createFailureDestination();
        createRole();
        restrictDynamoDbEndpointToFunction();
        createFunction();
        createEventSourceMapping();
        createAlarms();
    }

    // ---------------------------------------------------------------------------------------- table

    /**
     * The table, built from {@link MessagesTable} like the local CLI's table
     * ({@code TableDefinitions.createTableRequest}; a test compares the two).
     */
    private void createTable() {
        table = Table.Builder.create(this, "MessagesTable")
                .tableName(config.tableName())
                .partitionKey(stringAttribute(MessagesTable.PK))
                .sortKey(stringAttribute(MessagesTable.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.valueOf(MessagesTable.STREAM_VIEW_TYPE))
                // Production data: restorable to any second of the last 35 days, not deletable by an
                // API call, and kept when the stack is deleted.
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                // Encrypted at rest under the AWS managed key aws/dynamodb (SSE type KMS) rather than the
                // default AWS owned key: every use of the key is in this account's CloudTrail. Its key
                // policy lets principals of this account use it only through DynamoDB, so the function
                // needs no kms: permission, and there is no customer key whose deletion or disabling
                // would make the table and its backups unreadable. A customer managed key is worth its
                // key policy only for cross-account restore or crypto-shredding, neither needed here.
                .encryption(TableEncryption.AWS_MANAGED)
                .build();
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(MessagesTable.GROUP_INDEX_NAME)
                .partitionKey(stringAttribute(MessagesTable.GROUP_INDEX_PK))
                .sortKey(stringAttribute(MessagesTable.GROUP_INDEX_SK))
                .projectionType(ProjectionType.ALL)
                .build());
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    // -------------------------------------------------------------------------------------- network

    /**
     * The function's subnets (a new isolated VPC, or the given subnets of an existing one), a
     * DynamoDB gateway endpoint on their route tables, and a security group whose only egress is
     * HTTPS to DynamoDB's prefix list.
     */
    private void createNetwork() {
        if (config.existingVpc().isPresent()) {
            StackConfig.ExistingVpc existing = config.existingVpc().get();
            // From ids alone: no lookup, so synth needs no credentials.
            vpc = Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                    .vpcId(existing.vpcId())
                    .availabilityZones(existing.availabilityZones())
                    .isolatedSubnetIds(existing.subnetIds())
                    .isolatedSubnetRouteTableIds(existing.routeTableIds())
                    .build());
        } else {
            Vpc newVpc = Vpc.Builder.create(this, "Vpc")
                    .ipAddresses(IpAddresses.cidr("10.40.0.0/16"))
                    // Two AZs: Lambda keeps running if one fails. Env-agnostic, so CloudFormation
                    // picks the first two AZs of the region at deploy time (Fn::GetAZs).
                    .maxAzs(2)
                    // Isolated subnets only: no NAT gateway, no internet gateway. The function
                    // talks to DynamoDB alone, through the gateway endpoint.
                    .subnetConfiguration(List.of(SubnetConfiguration.builder()
                            .name("isolated")
                            .subnetType(SubnetType.PRIVATE_ISOLATED)
                            .cidrMask(24)
                            .build()))
                    .natGateways(0)
                    .createInternetGateway(false)
                    // Nothing is ever attached to the default security group (the function has
                    // its own), and stripping its rules takes a custom-resource Lambda.
                    .restrictDefaultSecurityGroup(false)
                    .build();
            // Only the accepted flows (HTTPS to DynamoDB) are audited by CloudTrail already; rejected
            // flows are the signal worth keeping: something tried to leave the VPC another way.
            LogGroup flowLogs = LogGroup.Builder.create(this, "VpcFlowLogs")
                    .retention(RetentionDays.THREE_MONTHS)
                    .build();
            newVpc.addFlowLog("RejectedTraffic", FlowLogOptions.builder()
                    .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                    .trafficType(FlowLogTrafficType.REJECT)
                    .build());
            vpc = newVpc;
        }
        functionSubnets = vpc.getIsolatedSubnets();

        dynamoDbEndpoint = GatewayVpcEndpoint.Builder.create(this, "DynamoDbEndpoint")
                .vpc(vpc)
                .service(GatewayVpcEndpointAwsService.DYNAMODB)
                .subnets(List.of(SubnetSelection.builder().subnets(functionSubnets).build()))
                .build();

        functionSecurityGroup = SecurityGroup.Builder.create(this, "FunctionSecurityGroup")
                .vpc(vpc)
                .description("Stream handler: egress only to DynamoDB (prefix list) on 443")
                .allowAllOutbound(false)
                .build();
        // The rule must be inline (SecurityGroupEgress of the group itself): EC2 gives a group without
        // inline egress rules its default allow-all egress rule, and a separate SecurityGroupEgress
        // resource would not remove it. addEgressRule() makes a separate resource whenever the prefix
        // list id is a deploy-time value, as here, so the rule is set on the L1 resource.
        CfnSecurityGroup cfnSecurityGroup = (CfnSecurityGroup) functionSecurityGroup.getNode().getDefaultChild();
        cfnSecurityGroup.setSecurityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                .description("HTTPS to DynamoDB via the gateway endpoint")
                .ipProtocol("tcp")
                .fromPort(443)
                .toPort(443)
                .destinationPrefixListId(dynamoDbPrefixListId())
                .build()));
    }

    /**
     * The id of the AWS managed prefix list {@code com.amazonaws.<region>.dynamodb}. CloudFormation
     * cannot look it up and a CDK context lookup would need credentials at synth time, so a custom
     * resource reads it at deploy time ({@code ec2:DescribeManagedPrefixLists}).
     */
    private String dynamoDbPrefixListId() {
        LogGroup lookupLogs = LogGroup.Builder.create(this, "PrefixListLookupLogs")
                .retention(RetentionDays.ONE_MONTH)
                .build();
        // An explicit role, so the lookup's provider function gets only its own log group (no
        // AWSLambdaBasicExecutionRole managed policy).
        Role lookupRole = Role.Builder.create(this, "PrefixListLookupRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Custom resource that reads the id of the DynamoDB prefix list")
                .inlinePolicies(linkedMap("logs", document(writeLogsStatement(lookupLogs))))
                .build();
        AwsSdkCall describe = AwsSdkCall.builder()
                .service("EC2")
                .action("describeManagedPrefixLists")
                .parameters(linkedMap("Filters", List.of(pairs(
                        "Name", "prefix-list-name",
                        "Values", List.of("com.amazonaws." + Aws.REGION + ".dynamodb")))))
                .physicalResourceId(PhysicalResourceId.fromResponse("PrefixLists.0.PrefixListId"))
                .outputPaths(List.of("PrefixLists.0.PrefixListId"))
                .build();
        AwsCustomResource lookup = AwsCustomResource.Builder.create(this, "DynamoDbPrefixList")
                .onUpdate(describe)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                        .sid("DescribeManagedPrefixLists")
                        .actions(List.of("ec2:DescribeManagedPrefixLists"))
                        .resources(List.of("*"))
                        .build())))
                .role(lookupRole)
                .logGroup(lookupLogs)
                // Use the SDK bundled with the runtime: no npm install from the internet at deploy.
                .installLatestAwsSdk(false)
                .timeout(Duration.minutes(2))
                .build();
        NagSuppressions.addResourceSuppressions(lookup, List.of(suppression("AwsSolutions-IAM5",
                "ec2:DescribeManagedPrefixLists supports no resource-level permissions, so its resource "
                        + "must be '*'; it is a read-only call returning public prefix-list metadata.",
                "Resource::*")), true);
        return lookup.getResponseField("PrefixLists.0.PrefixListId");
    }

    // --------------------------------------------------------------------------- failure destination

    /**
     * Where the event source mapping sends the description (shard, sequence-number range) of a batch
     * it gave up on; ops read it and replay the records (README-ops.md).
     */
    private void createFailureDestination() {
        failureDestination = Queue.Builder.create(this, "StreamFailureDestination")
                // SQS-managed SSE: the messages hold shard ids and sequence numbers, no message text,
                // and the Lambda service can send to it with no kms: permission on the role.
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // The maximum, so a failure noticed late can still be read; the records themselves
                // stay in the stream for only 24 hours.
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(failureDestination, List.of(suppression("AwsSolutions-SQS3",
                "This queue is itself the failure destination of the stream's event source mapping; nothing "
                        + "consumes it automatically, so a redrive queue behind it would have no purpose. "
                        + "Ops read and delete its messages by hand after replaying the records.")));
    }

    // ----------------------------------------------------------------------------------------- role

    /**
     * The function's role. Explicit and complete: the function gets it through
     * {@link Role#withoutPolicyUpdates()}, so no CDK construct can add a grant to it, and every
     * statement is an inline policy of the role itself.
     */
    private void createRole() {
        functionLogGroup = LogGroup.Builder.create(this, "StreamHandlerLogs")
                // A month of logs is enough to investigate a failure the alarms reported; older
                // history lives in the metrics.
                .retention(RetentionDays.ONE_MONTH)
                .build();

        Map<String, PolicyDocument> policies = new LinkedHashMap<>();
        policies.put("dynamodb-group-rows", document(
                queryGroupIndexStatement(null), readGroupRowsStatement(null), writeGroupRowsStatement(null)));
        policies.put("dynamodb-stream", document(PolicyStatement.Builder.create()
                .sid("ReadMessagesStream")
                // No dynamodb:ListStreams: it supports no resource-level permission (it would need
                // '*'), and the event source mapping is given the stream ARN, so it never lists.
                .actions(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"))
                .resources(List.of(table.getTableStreamArn()))
                .build()));
        policies.put("failure-destination", document(PolicyStatement.Builder.create()
                .sid("SendToFailureDestination")
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(failureDestination.getQueueArn()))
                .build()));
        policies.put("logs", document(writeLogsStatement(functionLogGroup)));
        policies.put("vpc-network-interfaces", document(networkInterfaceStatements()));

        functionRole = Role.Builder.create(this, "StreamHandlerRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Cruddur messages stream handler: least privilege, no managed policies")
                .inlinePolicies(policies)
                .build();

        NagSuppressions.addResourceSuppressions(functionRole, List.of(suppression("AwsSolutions-IAM5",
                "Lambda manages the function's network interfaces with this role. ec2:DescribeNetworkInterfaces "
                        + "and ec2:DescribeSubnets support no resource-level permissions ('*'); ENI ids are "
                        + "assigned by EC2, so create/delete/assign act on network-interface/* of this account "
                        + "and region only, and creation is limited to the function's subnets and security group.",
                "Resource::*",
                "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*")));
    }

    /** {@code dynamodb:Query} on the group index only: the handler finds a conversation's rows there. */
    private PolicyStatement queryGroupIndexStatement(IPrincipal principal) {
        PolicyStatement.Builder statement = PolicyStatement.Builder.create()
                .sid("QueryGroupIndex")
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(groupIndexArn()));
        if (principal != null) {
            statement.principals(List.of(principal));
        }
        return statement.build();
    }

    /**
     * Consistent {@code GetItem} of {@code GRP#} items only: when a transaction is cancelled and the
     * cancellation reason carries no item, the handler reads the row that holds the contested key
     * ({@code GroupRowStore.takenKeys}).
     */
    private PolicyStatement readGroupRowsStatement(IPrincipal principal) {
        return groupRowsStatement("ReadGroupRows", List.of("dynamodb:GetItem"), principal);
    }

    /**
     * Put, update and delete of {@code GRP#} items only: the handler re-creates conversation-list
     * rows inside TransactWriteItems, which IAM authorizes per item action (there is no separate
     * TransactWriteItems action). The LeadingKeys condition (role only) keeps it off the messages.
     */
    private PolicyStatement writeGroupRowsStatement(IPrincipal principal) {
        return groupRowsStatement("WriteGroupRows",
                List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"), principal);
    }

    /** Item actions on the table; in the role, only on items whose partition key starts with GRP#. */
    private PolicyStatement groupRowsStatement(String sid, List<String> actions, IPrincipal principal) {
        PolicyStatement.Builder statement = PolicyStatement.Builder.create()
                .sid(sid)
                .actions(actions)
                .resources(List.of(table.getTableArn()));
        if (principal != null) {
            statement.principals(List.of(principal));
        } else {
            Map<String, Object> conditions = new LinkedHashMap<>();
            conditions.put("ForAllValues:StringLike",
                    linkedMap("dynamodb:LeadingKeys", List.of(MessagesTable.GROUP_PREFIX + "*")));
            // ForAllValues is also true when the key is absent; these actions always carry it, but
            // the guard keeps the statement correct on its own.
            conditions.put("Null", linkedMap("dynamodb:LeadingKeys", "false"));
            statement.conditions(conditions);
        }
        return statement.build();
    }

    private String groupIndexArn() {
        return table.getTableArn() + "/index/" + MessagesTable.GROUP_INDEX_NAME;
    }

    /** Write to one log group (its streams are created by Lambda per execution environment). */
    private static PolicyStatement writeLogsStatement(LogGroup logGroup) {
        return PolicyStatement.Builder.create()
                .sid("WriteOwnLogs")
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                // The log group's ARN attribute ends in ':*', which covers its log streams.
                .resources(List.of(logGroup.getLogGroupArn()))
                .build();
    }

    /** What Lambda needs to attach the function to its subnets, scoped as far as EC2's IAM allows. */
    private PolicyStatement[] networkInterfaceStatements() {
        String networkInterfaces = ec2Arn("network-interface", "*");
        List<String> createResources = new ArrayList<>();
        createResources.add(networkInterfaces);
        for (ISubnet subnet : functionSubnets) {
            createResources.add(ec2Arn("subnet", subnet.getSubnetId()));
        }
        createResources.add(ec2Arn("security-group", functionSecurityGroup.getSecurityGroupId()));
        return new PolicyStatement[] {
                PolicyStatement.Builder.create()
                        .sid("CreateNetworkInterfacesInFunctionSubnets")
                        .actions(List.of("ec2:CreateNetworkInterface"))
                        .resources(createResources)
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("ManageNetworkInterfaces")
                        .actions(List.of("ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
                                "ec2:UnassignPrivateIpAddresses"))
                        .resources(List.of(networkInterfaces))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("DescribeNetwork")
                        .actions(List.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"))
                        .resources(List.of("*"))
                        .build(),
        };
    }

    private String ec2Arn(String resourceType, String id) {
        return formatArn(ArnComponents.builder().service("ec2").resource(resourceType).resourceName(id).build());
    }

    /**
     * The endpoint policy: through this VPC's DynamoDB endpoint, only the function's role, only the
     * table's group index and the table, only the actions the function uses. Item-level scoping
     * (LeadingKeys) is the role's job; the endpoint bounds what the network path can reach at all.
     */
    private void restrictDynamoDbEndpointToFunction() {
        ArnPrincipal role = new ArnPrincipal(functionRole.getRoleArn());
        dynamoDbEndpoint.addToPolicy(queryGroupIndexStatement(role));
        dynamoDbEndpoint.addToPolicy(readGroupRowsStatement(role));
        dynamoDbEndpoint.addToPolicy(writeGroupRowsStatement(role));
    }

    // ------------------------------------------------------------------------------------- function

    /** The stream handler, published as a version behind the {@value #ALIAS_NAME} alias. */
    private void createFunction() {
        Path jar = config.lambdaJar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The function's jar " + jar.toAbsolutePath().normalize()
                    + " does not exist: build the lambda module first (./dev build, or ./mvnw -pl lambda -am "
                    + "package), or point -c " + StackConfig.LAMBDA_JAR + "=... at the jar.");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(DeploymentContract.Env.TABLE_NAME, table.getTableName());
        environment.put(DeploymentContract.Env.INDEX_NAME, MessagesTable.GROUP_INDEX_NAME);

        function = Function.Builder.create(this, "StreamHandler")
                .description("Re-creates Cruddur conversation-list rows from the cruddur-messages stream")
                .runtime(Runtime.JAVA_25)
                // Graviton: about 20% cheaper per GB-second than x86 for the same JVM workload.
                .architecture(Architecture.ARM_64)
                .code(Code.fromAsset(jar.toString()))
                .handler(HANDLER)
                // Memory buys CPU (1,769 MB = one vCPU). 1 GB gives the JVM and the AWS SDK enough CPU
                // to start in a few seconds and to JIT the hot path quickly; the handler itself keeps
                // little in memory (one batch of at most 10 records).
                .memorySize(MEMORY_MB)
                // A warm batch of 10 records is ~20 DynamoDB calls, well under a second. 30 s leaves
                // room for the SDK's retries with backoff under throttling or transaction conflicts,
                // and stays far below the batch's 1 h maximum record age.
                .timeout(TIMEOUT)
                .role(functionRole.withoutPolicyUpdates())
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnets(functionSubnets).build())
                .securityGroups(List.of(functionSecurityGroup))
                .environment(environment)
                // Own log group with a retention period (instead of the deprecated logRetention custom
                // resource), JSON lines so Logs Insights can filter on fields.
                .logGroup(functionLogGroup)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .systemLogLevelV2(SystemLogLevel.INFO)
                .snapStart(snapStart())
                .build();

        alias = Alias.Builder.create(this, "StreamHandlerAlias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
    }

    /**
     * SnapStart for the function's published versions: Lambda initialises each new version once,
     * runs the handler's priming hook (org.crac {@code beforeCheckpoint}: the per-record code, one
     * index query and a self-cancelling transaction, no writes) and snapshots it; cold starts then
     * restore the snapshot instead of starting a JVM. The event source mapping invokes the alias of
     * a published version, which is what SnapStart applies to ($LATEST never gets it).
     */
    private static SnapStartConf snapStart() {
        return SnapStartConf.ON_PUBLISHED_VERSIONS;
    }

    // ------------------------------------------------------------------------ event source mapping

    /** The mapping from the table's stream to the function's alias. */
    private void createEventSourceMapping() {
        CfnEventSourceMapping mapping = CfnEventSourceMapping.Builder.create(this, "MessagesStreamMapping")
                .eventSourceArn(table.getTableStreamArn())
                .functionName(alias.getFunctionArn())
                // The filter the local `watch` applies too: new and edited messages (MSG# keys) only;
                // REMOVE events and the handler's own GRP# writes never invoke the function.
                .filterCriteria(CfnEventSourceMapping.FilterCriteriaProperty.builder()
                        .filters(List.of(CfnEventSourceMapping.FilterProperty.builder()
                                .pattern(DeploymentContract.EVENT_FILTER_PATTERN)
                                .build()))
                        .build())
                // TRIM_HORIZON: on first deploy (or if the mapping is ever replaced) start at the
                // oldest record still in the stream, so no message written before the mapping existed
                // is skipped. LATEST would silently lose them. Re-processing is harmless: the handler
                // only moves a conversation row forward in time.
                .startingPosition(STARTING_POSITION)
                // Up to 100 records: the handler coalesces a batch per conversation (one query and one
                // transaction each, updated 8 at a time), so under load a larger batch means fewer
                // requests and invocations; a malformed record is skipped, not failed, and a failed
                // conversation is reported alone, so a large batch does not widen a failure. No
                // batching window: the size is a maximum, so a quiet stream is delivered at once and
                // a conversation list updates within a poll (Lambda polls each shard 4 times a second).
                .batchSize(BATCH_SIZE)
                .maximumBatchingWindowInSeconds(MAX_BATCHING_WINDOW.toSeconds())
                // The handler reports the records it could not process; Lambda retries from the first.
                .functionResponseTypes(List.of("ReportBatchItemFailures"))
                // On a function error (crash, timeout) halve the batch to isolate the bad record.
                .bisectBatchOnFunctionError(DeploymentContract.BISECT_BATCH_ON_FUNCTION_ERROR)
                // Bounded: a record that still fails after five attempts (enough for throttling or
                // transaction conflicts to clear) goes to the failure destination instead of blocking
                // its shard until the stream drops it after 24 hours.
                .maximumRetryAttempts(MAX_RETRY_ATTEMPTS)
                // An hour behind, a conversation list is stale anyway; give up on the record and leave
                // ops 23 of the stream's 24 hours to replay it from the failure destination.
                .maximumRecordAgeInSeconds(MAX_RECORD_AGE.toSeconds())
                // One batch per shard at a time: a conversation's messages are processed in order.
                .parallelizationFactor(1)
                .destinationConfig(CfnEventSourceMapping.DestinationConfigProperty.builder()
                        .onFailure(CfnEventSourceMapping.OnFailureProperty.builder()
                                .destination(failureDestination.getQueueArn())
                                .build())
                        .build())
                .enabled(true)
                .build();
        // The function must reach DynamoDB from its first invocation: route and policy first.
        mapping.getNode().addDependency(dynamoDbEndpoint);
    }

    // --------------------------------------------------------------------------------------- alarms

    /** Alarms on lag, failures, and records given up on. They have no actions yet: subscribe as needed. */
    private void createAlarms() {
        Alarm.Builder.create(this, "IteratorAgeAlarm")
                .alarmDescription("Conversation lists lag: the oldest stream record waited over a minute "
                        + "for five minutes. Check the handler's errors and DynamoDB throttling.")
                .metric(alias.metric("IteratorAge", MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(1))
                        .build()))
                .threshold(ITERATOR_AGE_ALARM_MS)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(5)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        Alarm.Builder.create(this, "FunctionErrorsAlarm")
                .alarmDescription("The stream handler failed a whole invocation (crash or timeout); "
                        + "Lambda bisects and retries the batch. See the function's log group.")
                .metric(alias.metricErrors(MetricOptions.builder()
                        .statistic("Sum")
                        .period(Duration.minutes(5))
                        .build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();

        Alarm.Builder.create(this, "FailureDestinationAlarm")
                .alarmDescription("Stream records were given up on and their ranges sent to the failure "
                        + "destination: replay them within 24 hours (infra/README-ops.md).")
                .metric(failureDestination.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum")
                        .period(Duration.minutes(5))
                        .build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    // -------------------------------------------------------------------------------------- helpers

    private static PolicyDocument document(PolicyStatement... statements) {
        return PolicyDocument.Builder.create().statements(List.of(statements)).build();
    }

    private static NagPackSuppression suppression(String id, String reason, String... appliesTo) {
        NagPackSuppression.Builder builder = NagPackSuppression.builder().id(id).reason(reason);
        if (appliesTo.length > 0) {
            builder.appliesTo(List.of((Object[]) appliesTo));
        }
        return builder.build();
    }

    /** An insertion-ordered map of key/value pairs: deterministic JSON, unlike {@code Map.of}. */
    private static Map<String, Object> pairs(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A one-entry insertion-ordered map. */
    private static <V> Map<String, V> linkedMap(String key, V value) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
