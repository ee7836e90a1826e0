package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

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
        Map<String, Object> role = Map.of("Fn::GetAtt", List.of(RoleTest.functionRoleId(template), "Arn"));
        Map<String, Object> tableArn = Map.of("Fn::GetAtt", List.of(tableId(), "Arn"));
        Map<String, Object> indexArn = Map.of("Fn::Join", List.of("",
                List.of(tableArn, "/index/message-group-sk-index")));

        // then
        assertThat(statements).containsExactly(
                Map.of("Sid", "QueryGroupIndex",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", role),
                        "Action", "dynamodb:Query",
                        "Resource", indexArn),
                Map.of("Sid", "ReadGroupRows",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", role),
                        "Action", "dynamodb:GetItem",
                        "Resource", tableArn),
                Map.of("Sid", "WriteGroupRows",
                        "Effect", "Allow",
                        "Principal", Map.of("AWS", role),
                        "Action", List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"),
                        "Resource", tableArn));
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
