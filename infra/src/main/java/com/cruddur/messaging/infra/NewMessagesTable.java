package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.MessagesTable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.CfnTable;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.constructs.Construct;

/**
 * The {@code cruddur-messages} table created by the stack, built from {@link MessagesTable} like the
 * local CLI's table ({@code TableDefinitions.createTableRequest}; a test compares the two): keys,
 * the group index, the {@code NEW_IMAGE} stream, and the protection of production data.
 */
final class NewMessagesTable extends Construct implements MessagesTableRef {

    /**
     * The table's CloudFormation logical id, pinned: it is the id the table got in the stack's first
     * version, and the table is retained. Under any other id CloudFormation
     * would try to create a second table of the same name (and fail), and drop the old one from the
     * stack without deleting it.
     */
    static final String LOGICAL_ID = "MessagesTable05B58A27";

    private final Table table;

    /**
     * @param deletionProtection DynamoDB deletion protection: off for the first deploy, on afterwards
     *                           ({@link StackConfig.DataProtection#tableDeletionProtection()})
     */
    NewMessagesTable(Construct scope, String id, String tableName, boolean deletionProtection) {
        super(scope, id);
        table = Table.Builder.create(this, "Table")
                .tableName(tableName)
                .partitionKey(stringAttribute(MessagesTable.PK))
                .sortKey(stringAttribute(MessagesTable.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .stream(StreamViewType.valueOf(MessagesTable.STREAM_VIEW_TYPE))
                // Production data: restorable to any second of the last 35 days, and never deleted by a stack
                // operation once it exists. DeletionPolicy RetainExceptOnCreate: if the deploy that creates the
                // table fails, the rollback deletes the new, empty table, so the same deploy can simply be run
                // again (under Retain the table would stay, and the retry fail with "already exists"); every
                // later deletion (stack deleted, table removed from the template) retains it, as does a
                // replacement (UpdateReplacePolicy Retain). CloudFormation, "DeletionPolicy attribute".
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .removalPolicy(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE)
                // Deletion protection refuses every DeleteTable, the create rollback's too, so it cannot be on
                // in the deploy that creates the table: a second deploy turns it on (README-ops, "First deploy").
                .deletionProtection(deletionProtection)
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
        ((CfnTable) table.getNode().getDefaultChild()).overrideLogicalId(LOGICAL_ID);
    }

    @Override
    public String tableName() {
        return table.getTableName();
    }

    @Override
    public String tableArn() {
        return table.getTableArn();
    }

    @Override
    public String streamArn() {
        return table.getTableStreamArn();
    }

    private static Attribute stringAttribute(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
