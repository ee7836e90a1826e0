package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    @Test
    void withoutContextDeploysTheDefaultTableIntoANewVpcWithTheBuiltJar() {
        // when
        StackConfig config = StackConfig.defaults();

        // then
        assertThat(config.tableName()).isEqualTo("cruddur-messages");
        assertThat(config.existingVpc()).isEmpty();
        assertThat(config.lambdaJar()).isEqualTo(Path.of("../lambda/target/messaging-stream-lambda.jar"));
    }

    @Test
    void readsTheTableNameAndTheJarFromContext() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tableName", "cruddur-messages-staging");
        context.put("lambdaJar", "/tmp/handler.jar");

        // when
        StackConfig config = StackConfig.fromContext(context::get);

        // then
        assertThat(config.tableName()).isEqualTo("cruddur-messages-staging");
        assertThat(config.lambdaJar()).isEqualTo(Path.of("/tmp/handler.jar"));
    }

    @Test
    void readsAnExistingVpcFromCommaSeparatedCliValues() {
        // given: what `cdk synth -c subnetIds=a,b ...` passes
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1, subnet-0bbbbbbbbbbbbbbb2");
        context.put("routeTableIds", "rtb-0aaaaaaaaaaaaaaa1,rtb-0bbbbbbbbbbbbbbb2");
        context.put("availabilityZones", "eu-west-1a,eu-west-1b");

        // when
        StackConfig config = StackConfig.fromContext(context::get);

        // then
        assertThat(config.existingVpc()).hasValueSatisfying(vpc -> {
            assertThat(vpc.vpcId()).isEqualTo("vpc-0123456789abcdef0");
            assertThat(vpc.subnetIds()).containsExactly("subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2");
            assertThat(vpc.routeTableIds()).containsExactly("rtb-0aaaaaaaaaaaaaaa1", "rtb-0bbbbbbbbbbbbbbb2");
            assertThat(vpc.availabilityZones()).containsExactly("eu-west-1a", "eu-west-1b");
        });
    }

    @Test
    void readsAnExistingVpcFromJsonArraysInCdkJson() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", List.of("subnet-0aaaaaaaaaaaaaaa1"));
        context.put("routeTableIds", List.of("rtb-0aaaaaaaaaaaaaaa1"));
        context.put("availabilityZones", List.of("us-east-1a"));

        // when
        StackConfig config = StackConfig.fromContext(context::get);

        // then
        assertThat(config.existingVpc()).hasValueSatisfying(vpc ->
                assertThat(vpc.subnetIds()).containsExactly("subnet-0aaaaaaaaaaaaaaa1"));
    }

    @Test
    void rejectsSubnetsWithoutAVpcId() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1");

        // when / then
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vpcId");
    }

    @Test
    void rejectsAVpcWhoseSubnetsRouteTablesAndZonesDoNotLineUp() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,subnet-0bbbbbbbbbbbbbbb2");
        context.put("routeTableIds", "rtb-0aaaaaaaaaaaaaaa1");
        context.put("availabilityZones", "eu-west-1a,eu-west-1b");

        // when / then
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one entry per subnet");
    }

    @Test
    void rejectsMalformedIds() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", "sn-123");
        context.put("routeTableIds", "rtb-0aaaaaaaaaaaaaaa1");
        context.put("availabilityZones", "eu-west-1a");

        // when / then
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subnetIds")
                .hasMessageContaining("sn-123");
    }

    @Test
    void rejectsATableNameDynamoDbWouldRefuse() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tableName", "cruddur messages");

        // when / then
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tableName");
    }
}
