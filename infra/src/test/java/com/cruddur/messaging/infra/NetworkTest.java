package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class NetworkTest {

    private static Template template;

    @BeforeAll
    static void synthesize() {
        template = Synth.defaultTemplate();
    }

    @Test
    void newVpcHasIsolatedSubnetsOnlyWithNoNatGatewayAndNoInternetGateway() {
        // then
        template.resourceCountIs("AWS::EC2::VPC", 1);
        template.resourceCountIs("AWS::EC2::Subnet", 2);
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::InternetGateway", 0);
        template.resourceCountIs("AWS::EC2::EgressOnlyInternetGateway", 0);
        template.resourceCountIs("AWS::EC2::VPCGatewayAttachment", 0);
        template.resourceCountIs("AWS::EC2::EIP", 0);
        // no route at all besides the local one and the endpoint's prefix-list route
        template.resourceCountIs("AWS::EC2::Route", 0);
        template.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false));
    }

    @Test
    void newVpcLogsRejectedFlows() {
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "ResourceType", "VPC",
                "TrafficType", "REJECT",
                "LogDestinationType", "cloud-watch-logs"));
    }

    @Test
    void dynamoDbGatewayEndpointIsOnTheRouteTablesOfTheFunctionSubnets() {
        // given
        Map<String, Object> endpoint = Synth.onlyProperties(template, "AWS::EC2::VPCEndpoint");
        List<Object> functionSubnets = get(Synth.onlyProperties(template, "AWS::Lambda::Function", "Runtime", "java25"),
                "VpcConfig", "SubnetIds");

        // then
        assertThat(endpoint.get("VpcEndpointType")).isEqualTo("Gateway");
        assertThat(endpoint.get("ServiceName")).isEqualTo(Map.of("Fn::Join", List.of("",
                List.of("com.amazonaws.", Map.of("Ref", "AWS::Region"), ".dynamodb"))));
        List<Object> routeTablesOfFunctionSubnets = functionSubnets.stream()
                .map(subnet -> (Object) Map.of("Ref", routeTableOf(subnet)))
                .toList();
        assertThat(Synth.list(endpoint.get("RouteTableIds")))
                .containsExactlyInAnyOrderElementsOf(routeTablesOfFunctionSubnets);
    }

    @Test
    void endpointPolicyAllowsOnlyTheFunctionRoleTheTableAndItsIndexAndTheFunctionsActions() {
        // given
        List<Object> statements = get(Synth.onlyProperties(template, "AWS::EC2::VPCEndpoint"),
                "PolicyDocument", "Statement");
        Map<String, Object> onlyTheRole = Map.of("StringEquals", Map.of(
                "aws:PrincipalArn", Map.of("Fn::GetAtt", List.of(RoleTest.functionRoleId(template), "Arn")),
                "aws:PrincipalAccount", Map.of("Ref", "AWS::AccountId")));
        Map<String, Object> tableArn = Map.of("Fn::GetAtt", List.of(tableId(), "Arn"));
        Map<String, Object> indexArn = Map.of("Fn::Join", List.of("",
                List.of(tableArn, "/index/message-group-sk-index")));

        // then
        assertThat(statements).containsExactly(
                Map.of("Sid", "QueryGroupIndex",
                        "Effect", "Allow",
                        "Principal", "*",
                        "Action", "dynamodb:Query",
                        "Resource", indexArn,
                        "Condition", onlyTheRole),
                Map.of("Sid", "ReadGroupRows",
                        "Effect", "Allow",
                        "Principal", "*",
                        "Action", "dynamodb:GetItem",
                        "Resource", tableArn,
                        "Condition", onlyTheRole),
                Map.of("Sid", "WriteGroupRows",
                        "Effect", "Allow",
                        "Principal", "*",
                        "Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                        "Resource", tableArn,
                        "Condition", onlyTheRole));
    }

    @Test
    void gatewayEndpointPolicyNamesNoPrincipalButConditionsOnThePrincipalArn() {
        // AWS PrivateLink guide, "Control access to VPC endpoints using endpoint policies": for
        // gateway endpoints the Principal must be "*"; a specific principal is named with the
        // aws:PrincipalArn condition key. A role ARN as Principal would deny the function's calls.
        Map<String, Object> endpoint = Synth.onlyProperties(template, "AWS::EC2::VPCEndpoint");
        List<Object> statements = get(endpoint, "PolicyDocument", "Statement");

        assertThat(endpoint.get("VpcEndpointType")).isEqualTo("Gateway");
        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(Synth.<Object>get(statement, "Principal")).isEqualTo("*");
            assertThat(Synth.<Object>get(statement, "Condition", "StringEquals", "aws:PrincipalArn")).isNotNull();
        });
    }

    @Test
    void functionSecurityGroupAllowsEgressOnlyToTheDynamoDbPrefixListOn443() {
        // given
        Map<String, Object> group = Synth.onlyProperties(template, "AWS::EC2::SecurityGroup");
        String prefixListLookup = Synth.resources(template, "Custom::AWS").keySet().iterator().next();

        // then: one inline rule (so EC2 adds no default allow-all egress) and no other rules anywhere
        assertThat(Synth.list(group.get("SecurityGroupEgress"))).containsExactly(Map.of(
                "Description", "HTTPS to DynamoDB via the gateway endpoint",
                "IpProtocol", "tcp",
                "FromPort", 443,
                "ToPort", 443,
                "DestinationPrefixListId", Map.of("Fn::GetAtt",
                        List.of(prefixListLookup, "PrefixLists.0.PrefixListId"))));
        assertThat(group).doesNotContainKey("SecurityGroupIngress");
        template.resourceCountIs("AWS::EC2::SecurityGroupEgress", 0);
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
    }

    @Test
    void prefixListIdIsLookedUpAtDeployTimeForTheStacksRegion() {
        template.hasResourceProperties("Custom::AWS", Map.of(
                "Create", Map.of("Fn::Join", List.of("", List.of(
                        Match.stringLikeRegexp(".*describeManagedPrefixLists.*com\\.amazonaws\\.$"),
                        Map.of("Ref", "AWS::Region"),
                        Match.stringLikeRegexp("^\\.dynamodb.*")))),
                "InstallLatestAwsSdk", false));
    }

    @Test
    void existingVpcFromContextIsUsedWithoutCreatingANetwork() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2");
        context.put("routeTableIds", "rtb-0aaaaaaaaaaaaaaa1,rtb-0bbbbbbbbbbbbbbb2");
        context.put("availabilityZones", "eu-west-1a,eu-west-1b");
        context.put("dedicatedRouteTables", "true");

        // when
        Template existing = Template.fromStack(Synth.stack(context));

        // then
        existing.resourceCountIs("AWS::EC2::VPC", 0);
        existing.resourceCountIs("AWS::EC2::Subnet", 0);
        existing.resourceCountIs("AWS::EC2::RouteTable", 0);
        existing.resourceCountIs("AWS::EC2::FlowLog", 0);
        existing.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java25",
                "VpcConfig", Map.of("SubnetIds", List.of("subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"))));
        existing.hasResourceProperties("AWS::EC2::VPCEndpoint", Map.of(
                "VpcId", "vpc-0123456789abcdef0",
                "RouteTableIds", List.of("rtb-0aaaaaaaaaaaaaaa1", "rtb-0bbbbbbbbbbbbbbb2")));
        existing.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("VpcId", "vpc-0123456789abcdef0"));
    }

    @Test
    void existingVpcWhoseRouteTablesAreNotConfirmedAsTheFunctionsAloneIsRefused() {
        // given: the endpoint would reroute, and its policy restrict, every workload on these route tables
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1");
        context.put("routeTableIds", "rtb-0aaaaaaaaaaaaaaa1");
        context.put("availabilityZones", "eu-west-1a");

        // when / then
        assertThatThrownBy(() -> Synth.stack(context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rtb-0aaaaaaaaaaaaaaa1")
                .hasMessageContaining("dedicatedRouteTables=true")
                .hasMessageNotContaining("\n");
    }

    private static String routeTableOf(Object subnetRef) {
        String subnetId = get(subnetRef, "Ref");
        return Synth.resources(template, "AWS::EC2::SubnetRouteTableAssociation").values().stream()
                .filter(association -> subnetId.equals(get(association, "Properties", "SubnetId", "Ref")))
                .map(association -> (String) get(association, "Properties", "RouteTableId", "Ref"))
                .findFirst()
                .orElseThrow();
    }

    private static String tableId() {
        return Synth.resources(template, "AWS::DynamoDB::Table").keySet().iterator().next();
    }
}
