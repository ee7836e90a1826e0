package com.cruddur.messaging.infra;

import static com.cruddur.messaging.infra.StackConfigTest.KMS_KEY_ARN;
import static com.cruddur.messaging.infra.StackConfigTest.STREAM_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The context of an existing table ({@link ExistingTable}): its name, its stream's ARN, its customer managed key. */
class ExistingTableConfigTest {

    @Test
    void readsAnExistingTableByNameAndStreamArn() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("existingTableName", "cruddur-messages");
        context.put("existingTableStreamArn", STREAM_ARN);

        // when
        StackConfig config = StackConfig.fromContext(context::get);

        // then
        assertThat(config.tableName()).isEqualTo("cruddur-messages");
        assertThat(config.existingTable()).hasValueSatisfying(table -> {
            assertThat(table.streamArn()).isEqualTo(STREAM_ARN);
            assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:111111111111:table/cruddur-messages");
            assertThat(table.groupIndexArn())
                    .isEqualTo("arn:aws:dynamodb:us-east-1:111111111111:table/cruddur-messages/index/message-group-sk-index");
        });
    }

    @Test
    void refusesAnExistingTableWithoutTheArnOfItsNewImageStream() {
        // given
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("existingTableName", "cruddur-messages");

        // when / then
        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("existingTableStreamArn")
                .hasMessageContaining("NEW_IMAGE");
    }

    @Test
    void refusesAStreamArnWithoutATableName() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("existingTableStreamArn", STREAM_ARN);

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("existingTableName");
    }

    @Test
    void refusesAStreamArnOfAnotherTable() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("existingTableName", "cruddur-messages-staging");
        context.put("existingTableStreamArn", STREAM_ARN);

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stream of table cruddur-messages, not of existingTableName=cruddur-messages-staging");
    }

    @Test
    void refusesSomethingThatIsNotADynamoDbStreamArn() {
        for (String notAStreamArn : List.of(
                "arn:aws:dynamodb:us-east-1:111111111111:table/cruddur-messages",
                "arn:aws:kinesis:us-east-1:111111111111:stream/cruddur-messages",
                "arn:aws:dynamodb:us-east-1:1111:table/cruddur-messages/stream/2026-01-01T00:00:00.000",
                "cruddur-messages/stream/2026-01-01T00:00:00.000")) {
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("existingTableName", "cruddur-messages");
            context.put("existingTableStreamArn", notAStreamArn);

            assertThatThrownBy(() -> StackConfig.fromContext(context::get)).as(notAStreamArn)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a DynamoDB stream ARN");
        }
    }

    @Test
    void refusesATableNameThatContradictsTheExistingTable() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("tableName", "cruddur-messages-staging");
        context.put("existingTableName", "cruddur-messages");
        context.put("existingTableStreamArn", STREAM_ARN);

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name different tables");
    }

    @Test
    void readsAnExistingTablesCustomerManagedKey() {
        ExistingTable table = StackConfig.fromContext(Synth.existingTableWithKeyContext()::get).existingTable().orElseThrow();

        assertThat(table.customerManagedKeyArn()).contains(KMS_KEY_ARN);
        assertThat(StackConfig.fromContext(Synth.existingTableContext()::get).existingTable().orElseThrow()
                .customerManagedKeyArn()).isEmpty();
    }

    @Test
    void acceptsAMultiRegionKey() {
        Map<String, Object> context = Synth.existingTableContext();
        String multiRegion = "arn:aws:kms:us-east-1:111111111111:key/mrk-1234abcd12ab34cd56ef1234567890ab";
        context.put("existingTableKmsKeyArn", multiRegion);

        assertThat(StackConfig.fromContext(context::get).existingTable().orElseThrow().customerManagedKeyArn())
                .contains(multiRegion);
    }

    @Test
    void refusesAKeyArnThatIsNotAKeyOfTheTablesRegion() {
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("arn:aws:kms:us-east-1:111111111111:alias/cruddur", "is not a KMS key ARN");
        refusals.put("1234abcd-12ab-34cd-56ef-1234567890ab", "is not a KMS key ARN");
        refusals.put("arn:aws:kms:us-east-1:1111:key/1234abcd-12ab-34cd-56ef-1234567890ab", "is not a KMS key ARN");
        refusals.put("arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                "is a key of aws/eu-west-1, but the table's stream is in aws/us-east-1");
        refusals.forEach((arn, message) -> {
            Map<String, Object> context = Synth.existingTableContext();
            context.put("existingTableKmsKeyArn", arn);

            assertThatThrownBy(() -> StackConfig.fromContext(context::get)).as(arn)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("context existingTableKmsKeyArn")
                    .hasMessageContaining(message);
        });
    }

    @Test
    void refusesAKeyWithoutAnExistingTable() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("existingTableKmsKeyArn", KMS_KEY_ARN);

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is the key of an existing table: set existingTableName");
    }

    @Test
    void refusesDeletionProtectionForATableTheStackDoesNotOwn() {
        Map<String, Object> context = Synth.existingTableContext();
        context.put("tableDeletionProtection", "true");

        assertThatThrownBy(() -> StackConfig.fromContext(context::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the stack does not own cruddur-messages")
                .hasMessageContaining("--deletion-protection-enabled");
    }
}
