package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.Synth.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.schema.MessagesTable;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

class TableTest {

    private static final String TABLE = "AWS::DynamoDB::Table";

    @Test
    void createsTheMessagesTableWithItsKeysIndexStreamAndOnDemandBilling() {
        // given
        Template template = Synth.defaultTemplate();

        // then
        template.resourceCountIs(TABLE, 1);
        template.hasResourceProperties(TABLE, Map.of(
                "TableName", "cruddur-messages",
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "StreamSpecification", Map.of("StreamViewType", "NEW_IMAGE"),
                "GlobalSecondaryIndexes", List.of(Map.of(
                        "IndexName", "message-group-sk-index",
                        "KeySchema", List.of(
                                Map.of("AttributeName", "message_group_uuid", "KeyType", "HASH"),
                                Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                        "Projection", Map.of("ProjectionType", "ALL")))));
    }

    @Test
    void protectsTheTableLikeProductionData() {
        // given
        Template template = Synth.defaultTemplate();

        // then: point-in-time recovery and KMS encryption (aws/dynamodb); CloudFormation keeps the table when the
        // stack or the resource goes away, except in the rollback of the deploy that created it
        template.hasResource(TABLE, Map.of(
                "Properties", Match.objectLike(Map.of(
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Map.of("SSEEnabled", true))),
                "DeletionPolicy", "RetainExceptOnCreate",
                "UpdateReplacePolicy", "Retain"));
    }

    @Test
    void theFirstDeployCreatesTheTableWithoutDeletionProtectionSoItsRollbackCanDeleteIt() {
        // Deletion protection refuses every DeleteTable, the create rollback's too: a failed first deploy would
        // leave the table behind and the retry would fail with "already exists".
        assertThat(Synth.onlyProperties(Synth.defaultTemplate(), TABLE)).containsEntry("DeletionProtectionEnabled", false);
    }

    @Test
    void theSecondStepTurnsDeletionProtectionOnAndKeepsTheDeletionPolicies() {
        // given: the context recorded in cdk.json after the first successful deploy
        Map<String, Object> context = new LinkedHashMap<>();
        context.put(StackConfig.TABLE_DELETION_PROTECTION, "true");

        // when
        Template protectedTable = Template.fromStack(Synth.stack(context));

        // then
        protectedTable.hasResource(TABLE, Map.of(
                "Properties", Match.objectLike(Map.of("DeletionProtectionEnabled", true)),
                "DeletionPolicy", "RetainExceptOnCreate",
                "UpdateReplacePolicy", "Retain"));
        assertThat(Synth.resources(protectedTable, TABLE)).containsOnlyKeys(NewMessagesTable.LOGICAL_ID);
    }

    @Test
    void theImportMappingFileImportsTheTableAloneUnderItsPinnedLogicalIdAndName() throws IOException {
        // given: the file `cdk import --resource-mapping` reads (infra/README-ops.md, path 3)
        JsonNode mapping = NodeTools.JSON.readTree(Path.of("import", "messages-table.json").toFile());
        Map<String, Map<String, Object>> tables = Synth.resources(Synth.defaultTemplate(), TABLE);

        // then: exactly one resource, the table, identified by the TableName the template gives it
        assertThat(mapping.size()).isEqualTo(1);
        assertThat(tables).containsOnlyKeys(mapping.fieldNames().next());
        JsonNode identifier = mapping.get(NewMessagesTable.LOGICAL_ID);
        assertThat(identifier.size()).isEqualTo(1);
        assertThat(identifier.get("TableName").asText())
                .isEqualTo(Synth.<Object>get(tables.get(NewMessagesTable.LOGICAL_ID), "Properties", "TableName"));
        // CloudFormation imports only a resource with a DeletionPolicy
        assertThat(tables.get(NewMessagesTable.LOGICAL_ID)).containsKey("DeletionPolicy");
    }

    @Test
    void tableKeepsTheLogicalIdItWasFirstDeployedWith() {
        // The table is retained: under a new logical id CloudFormation would try to create a second table
        // of the same name and orphan the first.
        assertThat(Synth.resources(Synth.defaultTemplate(), TABLE)).containsOnlyKeys("MessagesTable05B58A27");
        assertThat(NewMessagesTable.LOGICAL_ID).isEqualTo("MessagesTable05B58A27");
    }

    @Test
    void existingTableModeCreatesNoTableAndPointsEverythingAtThatTableItsIndexAndItsStream() {
        // given
        Template template = Synth.existingTableTemplate();
        String table = "arn:aws:dynamodb:us-east-1:111111111111:table/cruddur-messages";

        // then: no table resource, and the function, mapping, role and endpoint name the given table
        template.resourceCountIs(TABLE, 0);
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25",
                "Environment", Map.of("Variables", Map.of(
                        "TABLE_NAME", "cruddur-messages", "INDEX_NAME", "message-group-sk-index")))));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping",
                Match.objectLike(Map.of("EventSourceArn", StackConfigTest.STREAM_ARN)));
        template.hasResourceProperties("AWS::IAM::Role", Match.objectLike(Map.of("Policies", Match.arrayWith(List.of(
                Map.of("PolicyName", "dynamodb-group-rows", "PolicyDocument", Match.objectLike(Map.of(
                        "Statement", List.of(
                                Match.objectLike(Map.of("Sid", "QueryGroupIndex",
                                        "Resource", table + "/index/message-group-sk-index")),
                                Match.objectLike(Map.of("Sid", "ReadGroupRows", "Resource", table)),
                                Match.objectLike(Map.of("Sid", "WriteGroupRows", "Resource", table)))))),
                Map.of("PolicyName", "dynamodb-stream", "PolicyDocument", Match.objectLike(Map.of(
                        "Statement", List.of(
                                Match.objectLike(Map.of("Sid", "ReadMessagesStream", "Resource", StackConfigTest.STREAM_ARN)),
                                Match.objectLike(Map.of("Sid", "ListStreams", "Resource", "*")))))))))));
        template.hasResourceProperties("AWS::EC2::VPCEndpoint", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", List.of(
                        Match.objectLike(Map.of("Sid", "QueryGroupIndex", "Resource", table + "/index/message-group-sk-index")),
                        Match.objectLike(Map.of("Sid", "ReadGroupRows", "Resource", table)),
                        Match.objectLike(Map.of("Sid", "WriteGroupRows", "Resource", table))))))));
    }

    @Test
    void tableNameIsOverridableByContext() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tableName", "cruddur-messages-staging");

        // when
        Template template = Template.fromStack(Synth.stack(context));

        // then
        template.hasResourceProperties(TABLE, Map.of("TableName", "cruddur-messages-staging"));
    }

    @Test
    void deployedTableHasTheSameSchemaAsTheLocalCliTable() {
        // given: the table the local CLI creates on DynamoDB Local
        CreateTableRequest local = TableDefinitions.createTableRequest(MessagesTable.DEFAULT_TABLE_NAME);

        // when
        Map<String, Object> deployed = Synth.onlyProperties(Synth.defaultTemplate(), TABLE);

        // then
        assertThat(deployed.get("TableName")).isEqualTo(local.tableName());
        assertThat(deployed.get("KeySchema")).isEqualTo(keySchema(local.keySchema()));
        assertThat(Synth.list(deployed.get("AttributeDefinitions")))
                .containsExactlyInAnyOrderElementsOf(attributes(local.attributeDefinitions()));
        assertThat(deployed.get("BillingMode")).isEqualTo(local.billingModeAsString());
        assertThat(Synth.<Object>get(deployed, "StreamSpecification", "StreamViewType"))
                .isEqualTo(local.streamSpecification().streamViewTypeAsString());
        assertThat(local.streamSpecification().streamEnabled()).isTrue();
        assertThat(deployed.get("GlobalSecondaryIndexes")).isEqualTo(indexes(local.globalSecondaryIndexes()));
    }

    private static List<Map<String, Object>> keySchema(List<KeySchemaElement> keys) {
        return keys.stream().map(k -> ordered("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList();
    }

    private static List<Map<String, Object>> attributes(List<AttributeDefinition> attributes) {
        return attributes.stream()
                .map(a -> ordered("AttributeName", a.attributeName(), "AttributeType", a.attributeTypeAsString()))
                .toList();
    }

    private static List<Map<String, Object>> indexes(List<GlobalSecondaryIndex> indexes) {
        return indexes.stream().map(i -> ordered(
                "IndexName", i.indexName(),
                "KeySchema", keySchema(i.keySchema()),
                "Projection", ordered("ProjectionType", i.projection().projectionTypeAsString())))
                .toList();
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
