package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.MessagesTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.StarPrincipal;

/**
 * The function's access to DynamoDB, in one place: the statements of its role and of the gateway
 * endpoint's policy. The role scopes items (GRP# partitions only); the endpoint bounds what its
 * network path can reach at all (this role, this table and index, these actions).
 */
final class TableAccess {

    /** The only action granted on {@code *}: see {@link #listStreamsStatement()}. */
    static final String LIST_STREAMS = "dynamodb:ListStreams";

    private static final List<String> WRITE_ACTIONS =
            List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");

    private TableAccess() {
    }

    /**
     * The role's statements on the table and its index: what the handler's own requests need. The
     * transactional write path sends every write inside a transaction, so its writes are held to
     * transactions; the put-first path sends plain conditional writes, which that would deny.
     */
    static List<PolicyStatement> groupRowStatements(MessagesTableRef table, String writeMode) {
        return List.of(
                queryGroupIndex(table).build(),
                groupRows("ReadGroupRows", List.of("dynamodb:GetItem"), table).build(),
                groupRows("WriteGroupRows", WRITE_ACTIONS, table)
                        .conditions(DeploymentContract.WriteModes.TRANSACTIONAL.equals(writeMode)
                                ? writeConditions() : groupPartitionsOnly())
                        .build());
    }

    /**
     * The role's statements on the table's stream: what Lambda's event source mapping does with the
     * function's role. The four actions are those of Lambda's documentation ("Using Lambda with
     * DynamoDB", execution role permissions) and of the managed policy AWSLambdaDynamoDBExecutionRole.
     */
    static List<PolicyStatement> streamStatements(MessagesTableRef table) {
        return List.of(
                PolicyStatement.Builder.create()
                        .sid("ReadMessagesStream")
                        .actions(List.of("dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"))
                        .resources(List.of(table.streamArn()))
                        .build(),
                listStreamsStatement());
    }

    /**
     * {@code kms:Decrypt} on an existing table's customer managed key, only through DynamoDB. When a
     * principal reads or writes an encrypted table, DynamoDB decrypts the table key with a KMS
     * {@code Decrypt} request made in that principal's name (AWS KMS developer guide, "How Amazon
     * DynamoDB uses AWS KMS": the Decrypt event's user "is the principal in your AWS account who is
     * accessing the table", invoked by dynamodb.amazonaws.com); streams are encrypted with the same
     * table key, so the mapping's stream reads with the role need it too. DynamoDB generates the table
     * key itself (GenerateDataKey by the service) and uses its own grants for maintenance, so the role
     * needs no Encrypt, GenerateDataKey or CreateGrant. {@code kms:ViaService} holds the permission to
     * requests DynamoDB makes in this Region: the role cannot decrypt anything with the key directly.
     * The value AWS's pages give is DynamoDB's endpoint; DynamoDB Streams has an endpoint of its own,
     * and no page says which of the two the stream reads' Decrypt carries, so both are named: either
     * is DynamoDB acting for the role. The key's policy, which must let the account's IAM policies (or
     * this role) use the key, is the table owner's.
     */
    static PolicyStatement tableKeyStatement(String keyArn) {
        // arn:<partition>:kms:<region>:<account>:key/<id>: DynamoDB of the key's (and the table's) Region.
        String[] arn = keyArn.split(":");
        String domain = arn[3] + (arn[1].equals("aws-cn") ? ".amazonaws.com.cn" : ".amazonaws.com");
        return PolicyStatement.Builder.create()
                .sid("DecryptTableKeyThroughDynamoDb")
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(keyArn))
                .conditions(linkedMap("StringEquals", linkedMap("kms:ViaService",
                        List.of("dynamodb." + domain, "streams.dynamodb." + domain))))
                .build();
    }

    /**
     * {@code dynamodb:ListStreams}, alone: Lambda needs it to create and run the mapping (its
     * create-time error lists it with the three stream reads), and the Service Authorization
     * Reference ("Actions, resources, and condition keys for Amazon DynamoDB") lists no resource
     * type for it, so IAM can only grant it on {@code *}. It returns stream ARNs, no data.
     */
    static PolicyStatement listStreamsStatement() {
        return PolicyStatement.Builder.create()
                .sid("ListStreams")
                .actions(List.of(LIST_STREAMS))
                .resources(List.of("*"))
                .build();
    }

    /**
     * The gateway endpoint's policy: the same actions on the same resources, for the function's
     * role only. A gateway endpoint policy cannot name a principal: AWS PrivateLink's guide
     * ("Control access to VPC endpoints using endpoint policies", principals for gateway endpoints)
     * requires {@code "Principal": "*"} and names a principal with the {@code aws:PrincipalArn}
     * condition key. Item-level scoping is the role's job.
     */
    static List<PolicyStatement> endpointStatements(MessagesTableRef table, String roleArn) {
        Map<String, Object> onlyTheRole = new LinkedHashMap<>();
        Map<String, Object> equals = new LinkedHashMap<>();
        equals.put("aws:PrincipalArn", roleArn);
        equals.put("aws:PrincipalAccount", Aws.ACCOUNT_ID);
        onlyTheRole.put("StringEquals", equals);
        return List.of(
                queryGroupIndex(table).principals(List.of(new StarPrincipal())).conditions(onlyTheRole).build(),
                groupRows("ReadGroupRows", List.of("dynamodb:GetItem"), table)
                        .principals(List.of(new StarPrincipal())).conditions(onlyTheRole).build(),
                groupRows("WriteGroupRows", WRITE_ACTIONS, table)
                        .principals(List.of(new StarPrincipal())).conditions(onlyTheRole).build());
    }

    /** {@code dynamodb:Query} on the group index only: the handler finds a conversation's rows there. */
    private static PolicyStatement.Builder queryGroupIndex(MessagesTableRef table) {
        return PolicyStatement.Builder.create()
                .sid("QueryGroupIndex")
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(table.groupIndexArn()));
    }

    /**
     * Item actions on the table. {@code GetItem}: when a transaction is cancelled and the
     * cancellation reason carries no item, the handler reads the row that holds the contested key
     * ({@code GroupRowStore.takenKeys}). Put, update and delete: the handler re-creates
     * conversation-list rows inside TransactWriteItems, which IAM authorizes per item action
     * (there is no TransactWriteItems action).
     */
    private static PolicyStatement.Builder groupRows(String sid, List<String> actions, MessagesTableRef table) {
        return PolicyStatement.Builder.create()
                .sid(sid)
                .actions(actions)
                .resources(List.of(table.tableArn()))
                .conditions(groupPartitionsOnly());
    }

    /** Only items whose partition key starts with GRP#: never a message. */
    private static Map<String, Object> groupPartitionsOnly() {
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("ForAllValues:StringLike",
                linkedMap("dynamodb:LeadingKeys", List.of(MessagesTable.GROUP_PREFIX + "*")));
        // ForAllValues is also true when the key is absent; these actions always carry it, but
        // the guard keeps the statement correct on its own.
        conditions.put("Null", linkedMap("dynamodb:LeadingKeys", "false"));
        return conditions;
    }

    /**
     * Writes only inside TransactWriteItems, which is how the handler writes: "Using IAM with
     * DynamoDB transactions" (DynamoDB developer guide, example 2) restricts item actions to
     * transactions with {@code dynamodb:EnclosingOperation}; a single PutItem, UpdateItem or
     * DeleteItem carries no such key and is denied.
     */
    private static Map<String, Object> writeConditions() {
        Map<String, Object> conditions = groupPartitionsOnly();
        conditions.put("ForAnyValue:StringEquals", linkedMap("dynamodb:EnclosingOperation", List.of("TransactWriteItems")));
        return conditions;
    }

    private static <V> Map<String, V> linkedMap(String key, V value) {
        Map<String, V> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }
}
