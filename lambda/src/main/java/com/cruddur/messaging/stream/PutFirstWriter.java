package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WriteMode#PUT_FIRST}: plain conditional requests, in an order that never loses a row.
 * First the put of every re-created row, then the deletes of the old rows, the edits and the
 * duplicates' deletes. A crash anywhere leaves each row present, perhaps twice; the next delivery
 * of the conversation (Lambda retries the batch) finds the two rows of one owner and removes the
 * older, as for any duplicate. Every write still carries its condition; one that fails leaves the
 * rest going and makes the caller re-read.
 */
final class PutFirstWriter implements RowWriter {

    private final DynamoDbClient client;
    private final String tableName;
    private final KeyHolders holders;

    PutFirstWriter(DynamoDbClient client, String tableName, KeyHolders holders) {
        this.client = client;
        this.tableName = tableName;
        this.holders = holders;
    }

    @Override
    public WriteResult apply(String messageGroupUuid, List<RowAction> actions, MovesInFlight moves) {
        KeyHolders.Taken taken = new KeyHolders.Taken();
        boolean conflict = false;
        List<RowAction> secondStep = new ArrayList<>();
        for (RowAction action : actions) {
            if (action instanceof Recreate move) {
                moves.started(move);
                try {
                    client.putItem(RowWrite.put(messageGroupUuid, move.replacement()).toPutItem(tableName));
                } catch (ConditionalCheckFailedException e) {
                    // Not put: its old row must stay. Whose is the key?
                    conflict = true;
                    moves.finished(move);
                    holders.check(messageGroupUuid, move.replacement().key(), e.hasItem() ? e.item() : null, taken);
                    continue;
                }
            }
            secondStep.add(action);
        }
        List<RowAction> applied = new ArrayList<>();
        for (RowAction action : secondStep) {
            try {
                switch (action) {
                    case Recreate move -> {
                        client.deleteItem(RowWrite.deleteAsRead(move.row()).toDeleteItem(tableName));
                        moves.finished(move);
                    }
                    case EditMessage edit -> client.updateItem(RowWrite.edit(edit.row(), edit.text()).toUpdateItem(tableName));
                    case RemoveDuplicate duplicate ->
                            client.deleteItem(RowWrite.deleteAsRead(duplicate.row()).toDeleteItem(tableName));
                }
                applied.add(action);
            } catch (ConditionalCheckFailedException e) {
                // The row changed since it was read (or is gone): re-read, and the next plan decides.
                conflict = true;
            }
        }
        WriteResult result = WriteResult.applied(applied);
        return conflict ? result.plus(WriteResult.conflict(taken.keys())) : result;
    }
}
