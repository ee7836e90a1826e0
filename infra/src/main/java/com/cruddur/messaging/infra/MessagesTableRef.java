package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.MessagesTable;
import java.util.Optional;

/**
 * What the function, its role, the endpoint policy and the event source mapping need to know of
 * the messages table, whether the stack creates it ({@link NewMessagesTable}) or it already exists
 * ({@link ExistingTable}). Values may be CloudFormation tokens.
 */
interface MessagesTableRef {

    String tableName();

    String tableArn();

    /** The ARN of the table's {@code NEW_IMAGE} stream. */
    String streamArn();

    /** The ARN of the index {@link MessagesTable#GROUP_INDEX_NAME}. */
    default String groupIndexArn() {
        return tableArn() + "/index/" + MessagesTable.GROUP_INDEX_NAME;
    }

    /**
     * The customer managed KMS key the table (and so its stream) is encrypted with; empty for the AWS
     * owned key or the AWS managed key {@code aws/dynamodb}, which need no permission of the role.
     */
    default Optional<String> customerManagedKeyArn() {
        return Optional.empty();
    }
}
