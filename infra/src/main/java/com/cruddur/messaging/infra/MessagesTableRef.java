package com.cruddur.messaging.infra;

import com.cruddur.messaging.schema.MessagesTable;

/**
 * What the function, its role, the endpoint policy and the event source mapping need to know of
 * the messages table, whether the stack creates it ({@link NewMessagesTable}) or it already exists
 * ({@link StackConfig.ExistingTable}). Values may be CloudFormation tokens.
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
}
