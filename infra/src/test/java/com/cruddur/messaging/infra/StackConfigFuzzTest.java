package com.cruddur.messaging.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.StreamArn;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * The CDK app's context values, from arbitrary bytes: a JSON object of context keys and values, as
 * {@code cdk.json}'s {@code context} block holds them (any JSON type) or {@code -c KEY=VALUE} passes
 * them (strings). {@link StackConfig#fromContext} either returns a configuration that holds the
 * stack's rules, or rejects the input with an {@link IllegalArgumentException} of one line naming the
 * context key; nothing else (no synth: only the parsing is fuzzed).
 */
class StackConfigFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> CONTEXT = new TypeReference<>() {
    };

    @FuzzTest(maxDuration = "5m")
    @DictionaryEntries({"tableName", "existingTableName", "existingTableStreamArn", "existingTableKmsKeyArn",
            "tableDeletionProtection", "failureRetentionDays", "vpcId", "subnetIds", "routeTableIds",
            "availabilityZones", "dedicatedRouteTables", "lambdaJar", "writeMode", "alarmTopicArn", "activeTracing",
            "runbookUrl", "put-first", "transactional", "true", "false", "vpc-0123456789abcdef0",
            "subnet-0aaaaaaaaaaaaaaa1", "rtb-0aaaaaaaaaaaaaaa1", "eu-west-1a",
            "arn:aws:dynamodb:eu-west-1:111111111111:table/cruddur-messages/stream/2026-01-01T00:00:00.000",
            "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:sns:eu-west-1:111111111111:oncall"})
    void contextValuesAreAStackConfigOrOneClearLine(byte[] input) {
        Map<String, Object> context;
        try {
            context = JSON.readValue(input, CONTEXT);
        } catch (IOException | RuntimeException notAJsonObject) {
            return; // the CDK CLI itself refuses a cdk.json that is not JSON
        }
        if (context == null) {
            return;
        }
        StackConfig config;
        try {
            config = StackConfig.fromContext(context::get);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).as("a rejection names the context key, on one line")
                    .startsWith("context ").doesNotContain("\n").doesNotContain("\r");
            return;
        }
        holdsTheStacksRules(config);
    }

    private static void holdsTheStacksRules(StackConfig config) {
        assertThat(config.tableName()).matches(StreamArn.TABLE_NAME_CHARS);
        assertThat(DeploymentContract.WriteModes.ALL).contains(config.writeMode());
        assertThat(config.dataProtection().failureRetentionDays()).isBetween(1, 365);
        config.existingTable().ifPresent(table -> {
            assertThat(table.tableName()).isEqualTo(config.tableName());
            assertThat(StreamArn.parse(table.streamArn())).hasValueSatisfying(arn ->
                    assertThat(arn.table()).isEqualTo(table.tableName()));
            assertThat(config.dataProtection().tableDeletionProtection()).as("an existing table's protection is its owner's")
                    .isFalse();
        });
        config.existingVpc().ifPresent(vpc -> {
            assertThat(vpc.subnetIds()).isNotEmpty().hasSameSizeAs(vpc.routeTableIds()).hasSameSizeAs(vpc.availabilityZones());
            assertThat(vpc.vpcId()).startsWith("vpc-");
        });
        assertThat(config.observability().runbookUrl()).isNotBlank().doesNotContain("#").doesNotContainAnyWhitespaces();
        config.observability().alarmTopicArn().ifPresent(arn -> assertThat(arn).startsWith("arn:aws"));
        assertThat(config.lambdaJar()).isNotNull();
    }
}
