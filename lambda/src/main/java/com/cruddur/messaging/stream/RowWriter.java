package com.cruddur.messaging.stream;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applies one conversation's planned actions to the table, the way its {@link WriteMode} says: the
 * table's client and name, and the key holders it asks whose a refused row's key is.
 */
abstract sealed class RowWriter permits PutFirstWriter, TransactionalWriter {

    protected final DynamoDbClient client;
    protected final String tableName;
    protected final KeyHolders holders;

    RowWriter(DynamoDbClient client, String tableName, KeyHolders holders) {
        this.client = client;
        this.tableName = tableName;
        this.holders = holders;
    }

    /**
     * Applies the actions; a write whose condition fails is not an error but a reason to re-read.
     *
     * @param moves told about every re-creation whose put may have gone through and whose old row
     *              may still be there
     * @return what was applied, whether a condition failed, and which keys other conversations hold
     * @throws software.amazon.awssdk.core.exception.SdkException on any failure other than a condition
     */
    abstract WriteResult apply(String messageGroupUuid, List<RowAction> actions, MovesInFlight moves);
}
