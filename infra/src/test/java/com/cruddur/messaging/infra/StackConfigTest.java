package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;

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
        assertThat(config.existingTable()).isEmpty();
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
        context.put("dedicatedRouteTables", "true");

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
        context.put("dedicatedRouteTables", true);

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

    @Test
    void readsTheWritePathAndRefusesOneTheHandlerDoesNotHave() {
        assertThat(StackConfig.defaults().writeMode()).isEqualTo(DeploymentContract.WriteModes.DEFAULT);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("writeMode", "put-first");
        assertThat(StackConfig.fromContext(context::get).writeMode()).isEqualTo("put-first");

        context.put("writeMode", "eventually");
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writeMode=eventually")
                .hasMessageContaining("put-first");
    }

    @Test
    void refusesAnExistingVpcUnlessItsRouteTablesAreConfirmedAsTheFunctionsAlone() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("vpcId", "vpc-0123456789abcdef0");
        context.put("subnetIds", "subnet-0aaaaaaaaaaaaaaa1");
        context.put("routeTableIds", "rtb-0aaaaaaaaaaaaaaa1");
        context.put("availabilityZones", "eu-west-1a");
        context.put("dedicatedRouteTables", "yes");

        // when / then
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every subnet on these route tables")
                .hasMessageContaining("-c dedicatedRouteTables=true");
    }

    @Test
    void withoutContextCreatesTheAlarmTopicTracesTheFunctionAndLinksTheRunbookInTheRepository() {
        StackConfig.Observability observability = StackConfig.defaults().observability();

        assertThat(observability.alarmTopicArn()).isEmpty();
        assertThat(observability.activeTracing()).isTrue();
        assertThat(observability.runbookUrl()).isEqualTo("infra/README-ops.md");
    }

    @Test
    void readsAnExistingAlarmTopicTracingAndTheRunbookUrlFromContext() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("alarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:ops-pager");
        context.put("activeTracing", "false");
        context.put("runbookUrl", "https://github.com/example/cruddur/blob/main/infra/README-ops.md");

        // when
        StackConfig.Observability observability = StackConfig.fromContext(context::get).observability();

        // then
        assertThat(observability.alarmTopicArn()).contains("arn:aws:sns:eu-west-1:123456789012:ops-pager");
        assertThat(observability.activeTracing()).isFalse();
        assertThat(observability.runbookUrl()).isEqualTo("https://github.com/example/cruddur/blob/main/infra/README-ops.md");
    }

    @Test
    void acceptsTracingAsABooleanFromCdkJson() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("activeTracing", true);

        assertThat(StackConfig.fromContext(context::get).observability().activeTracing()).isTrue();
    }

    @Test
    void refusesSomethingThatIsNotAnSnsTopicArn() {
        for (String notATopicArn : List.of(
                "arn:aws:sqs:us-east-1:111111111111:ops-pager",
                "arn:aws:sns:us-east-1:111111111111:ops pager",
                "arn:aws:sns:us-east-1:1111:ops-pager",
                "arn:aws:sns:us-east-1:111111111111:ops-pager:3f1c2b7e-0000-4000-8000-000000000000",
                "ops-pager")) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("alarmTopicArn", notATopicArn);

            assertThatThrownBy(() -> StackConfig.fromContext(context::get)).as(notATopicArn)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not an SNS topic ARN");
        }
    }

    @Test
    void refusesTracingThatIsNeitherTrueNorFalse() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("activeTracing", "yes");

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activeTracing=yes: give true or false");
    }

    @Test
    void refusesARunbookUrlWithAFragmentOrSpaces() {
        for (String notALink : List.of("infra/README-ops.md#alarms", "my runbook.md", "")) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("runbookUrl", notALink.isEmpty() ? "x".repeat(301) : notALink);

            assertThatThrownBy(() -> StackConfig.fromContext(context::get)).as(notALink)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a link to the runbook");
        }
    }

    @Test
    void withoutContextKeepsFailureObjectsFourteenDaysAndLeavesDeletionProtectionForTheSecondDeploy() {
        StackConfig.DataProtection protection = StackConfig.defaults().dataProtection();

        assertThat(protection.failureRetentionDays()).isEqualTo(14);
        assertThat(protection.tableDeletionProtection()).isFalse();
    }

    @Test
    void readsTheRetentionAndDeletionProtectionFromCliStringsAndCdkJsonValues() {
        Map<String, Object> cli = new LinkedHashMap<>();
        cli.put("failureRetentionDays", "365");
        cli.put("tableDeletionProtection", "true");
        Map<String, Object> cdkJson = new LinkedHashMap<>();
        cdkJson.put("failureRetentionDays", 1);
        cdkJson.put("tableDeletionProtection", true);

        assertThat(StackConfig.fromContext(cli::get).dataProtection()).isEqualTo(new StackConfig.DataProtection(true, 365));
        assertThat(StackConfig.fromContext(cdkJson::get).dataProtection()).isEqualTo(new StackConfig.DataProtection(true, 1));
    }

    @Test
    void refusesARetentionOutsideOneToThreeHundredSixtyFiveDaysWithOneLine() {
        for (String days : List.of("0", "366", "14.5", "-3", "two weeks", "99999")) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("failureRetentionDays", days);

            assertThatThrownBy(() -> StackConfig.fromContext(context::get)).as(days)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("context failureRetentionDays=" + days + ": give a whole number of days from 1 to 365");
        }
    }

    @Test
    void refusesDeletionProtectionThatIsNeitherTrueNorFalse() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tableDeletionProtection", "on");

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context tableDeletionProtection=on: give true or false");
    }

    @Test
    void startsTheMappingAtTheStreamsOldestRecordForANewTableAndAtNewRecordsForAnExistingOne() {
        assertThat(StackConfig.defaults().startingPosition()).isEqualTo(DeploymentContract.STARTING_POSITION_NEW_TABLE);
        assertThat(StackConfig.fromContext(Synth.existingTableContext()::get).startingPosition())
                .isEqualTo(DeploymentContract.STARTING_POSITION_EXISTING_TABLE);
    }

    static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:111111111111:table/cruddur-messages/stream/2026-01-01T00:00:00.000";
    static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void aValueWithALineBreakIsRefusedWithoutBeingQuoted() {
        // Found by StackConfigFuzzTest: the error quoted the value, so a line break split the one-line error.
        assertThatThrownBy(() -> StackConfig.fromContext(Map.<String, Object>of("subnetIds", "subnet-0aaaaaaaaaaaaaaa1,su\nbnet-2",
                "vpcId", "vpc-0123456789abcdef0")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("context subnetIds holds a line break or another control character: give the value on one line");
        assertThatThrownBy(() -> StackConfig.fromContext(Map.<String, Object>of("tableName", "a\u2028b")::get))
                .hasMessage("context tableName holds a line break or another control character: give the value on one line");
    }
}
