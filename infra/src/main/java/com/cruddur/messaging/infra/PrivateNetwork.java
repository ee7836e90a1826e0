package com.cruddur.messaging.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
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
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The function's private network: its subnets (a new isolated VPC, or the given subnets of an
 * existing one), a DynamoDB gateway endpoint on their route tables whose policy admits only the
 * function's role to the table ({@link #admitOnly}), and a security group whose only egress is
 * HTTPS to DynamoDB's prefix list.
 */
final class PrivateNetwork extends Construct {

    private final IVpc vpc;
    private final List<ISubnet> subnets;
    private final GatewayVpcEndpoint dynamoDbEndpoint;
    private final SecurityGroup securityGroup;

    PrivateNetwork(Construct scope, String id, Optional<ExistingVpc> existingVpc) {
        super(scope, id);
        vpc = existingVpc.map(this::importVpc).orElseGet(this::newIsolatedVpc);
        subnets = vpc.getIsolatedSubnets();

        // On the route tables of the function's subnets: with an existing VPC, StackConfig makes ops
        // confirm that those route tables serve the function's subnets alone.
        dynamoDbEndpoint = GatewayVpcEndpoint.Builder.create(this, "DynamoDbEndpoint")
                .vpc(vpc)
                .service(GatewayVpcEndpointAwsService.DYNAMODB)
                .subnets(List.of(functionSubnets()))
                .build();

        securityGroup = SecurityGroup.Builder.create(this, "FunctionSecurityGroup")
                .vpc(vpc)
                .description("Stream handler: egress only to DynamoDB (prefix list) on 443")
                .allowAllOutbound(false)
                .build();
        // The rule must be inline (SecurityGroupEgress of the group itself): EC2 gives a group without
        // inline egress rules its default allow-all egress rule, and a separate SecurityGroupEgress
        // resource would not remove it. addEgressRule() makes a separate resource whenever the prefix
        // list id is a deploy-time value, as here, so the rule is set on the L1 resource.
        CfnSecurityGroup cfnSecurityGroup = (CfnSecurityGroup) securityGroup.getNode().getDefaultChild();
        cfnSecurityGroup.setSecurityGroupEgress(List.of(CfnSecurityGroup.EgressProperty.builder()
                .description("HTTPS to DynamoDB via the gateway endpoint")
                .ipProtocol("tcp")
                .fromPort(443)
                .toPort(443)
                .destinationPrefixListId(dynamoDbPrefixListId())
                .build()));
    }

    IVpc vpc() {
        return vpc;
    }

    SubnetSelection functionSubnets() {
        return SubnetSelection.builder().subnets(subnets).build();
    }

    SecurityGroup functionSecurityGroup() {
        return securityGroup;
    }

    /** The endpoint (with its route and policy): the function must not run before it exists. */
    GatewayVpcEndpoint dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /**
     * The endpoint policy: through this VPC's DynamoDB endpoint, only the given role, only the
     * table's group index and the table, only the actions the function uses.
     */
    void admitOnly(IRole role, MessagesTableRef table) {
        TableAccess.endpointStatements(table, role.getRoleArn()).forEach(dynamoDbEndpoint::addToPolicy);
    }

    /** What Lambda needs to attach the function to its subnets, scoped as far as EC2's IAM allows. */
    List<PolicyStatement> networkInterfaceStatements() {
        String networkInterfaces = ec2Arn("network-interface", "*");
        List<String> createResources = new ArrayList<>();
        createResources.add(networkInterfaces);
        for (ISubnet subnet : subnets) {
            createResources.add(ec2Arn("subnet", subnet.getSubnetId()));
        }
        createResources.add(ec2Arn("security-group", securityGroup.getSecurityGroupId()));
        return List.of(
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
                        .build());
    }

    /** From ids alone: no lookup, so synth needs no credentials. */
    private IVpc importVpc(ExistingVpc existing) {
        return Vpc.fromVpcAttributes(this, "Vpc", VpcAttributes.builder()
                .vpcId(existing.vpcId())
                .availabilityZones(existing.availabilityZones())
                .isolatedSubnetIds(existing.subnetIds())
                .isolatedSubnetRouteTableIds(existing.routeTableIds())
                .build());
    }

    private IVpc newIsolatedVpc() {
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
        LogGroup flowLogs = LogGroups.create(this, "VpcFlowLogs");
        newVpc.addFlowLog("RejectedTraffic", FlowLogOptions.builder()
                .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                .trafficType(FlowLogTrafficType.REJECT)
                .build());
        return newVpc;
    }

    /**
     * The id of the AWS managed prefix list {@code com.amazonaws.<region>.dynamodb}. CloudFormation
     * cannot look it up and a CDK context lookup would need credentials at synth time, so a custom
     * resource reads it at deploy time ({@code ec2:DescribeManagedPrefixLists}).
     */
    private String dynamoDbPrefixListId() {
        LogGroup lookupLogs = LogGroups.create(this, "PrefixListLookupLogs");
        // An explicit role, so the lookup's provider function gets only its own log group (no
        // AWSLambdaBasicExecutionRole managed policy).
        Role lookupRole = Role.Builder.create(this, "PrefixListLookupRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("Custom resource that reads the id of the DynamoDB prefix list")
                .inlinePolicies(linkedMap("logs", PolicyDocument.Builder.create()
                        .statements(List.of(LogGroups.writeStatement(lookupLogs)))
                        .build()))
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
                // One small API call per deploy: the smallest size, stated.
                .memorySize(128)
                .build();
        Suppressions.nagWithChildren(lookup, "AwsSolutions-IAM5",
                "ec2:DescribeManagedPrefixLists supports no resource-level permissions, so its resource "
                        + "must be '*'; it is a read-only call returning public prefix-list metadata.",
                "Resource::*");
        // The provider is a singleton function at stack level, named after AwsCustomResource's fixed UUID.
        Stack.of(this).getNode().getChildren().stream()
                .filter(child -> child.getNode().getId().startsWith("AWS679f53fac002430cb0da5b7982bd2287"))
                .forEach(PrivateNetwork::acceptDeployTimeHelperFindings);
        return lookup.getResponseField("PrefixLists.0.PrefixListId");
    }

    /** The prefix-list lookup's provider function runs once per deploy, for CloudFormation, outside the VPC. */
    private static void acceptDeployTimeHelperFindings(IConstruct provider) {
        Suppressions.guard(provider, "lambda_inside_vpc_check",
                "Deploy-time helper, not the workload: it calls the EC2 API once per deploy to read the DynamoDB "
                        + "prefix-list id. The function's VPC is isolated and reaches only DynamoDB, so inside it the "
                        + "call would need an EC2 interface endpoint (hourly cost per AZ) for a read of public metadata.");
        Suppressions.nag(provider, "Serverless-LambdaDLQ",
                "CloudFormation invokes this custom-resource provider and waits for its answer: a failed call fails "
                        + "the deployment, which is where ops see it; a dead-letter queue would hold nothing to act on.");
        Suppressions.nag(provider, "Serverless-LambdaTracing",
                "A deploy-time helper making one EC2 call per deploy: its log group records each call, and X-Ray "
                        + "tracing would add xray:PutTraceSegments on '*' to its role for no operational question.");
    }

    private String ec2Arn(String resourceType, String id) {
        return Stack.of(this).formatArn(ArnComponents.builder()
                .service("ec2").resource(resourceType).resourceName(id).build());
    }

    /** An insertion-ordered map of key/value pairs: deterministic JSON, unlike {@code Map.of}. */
    private static Map<String, Object> pairs(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static <V> Map<String, V> linkedMap(String key, V value) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
