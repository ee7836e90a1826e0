package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.RowAction.Recreate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link WriteMode#TRANSACTIONAL}: the actions in as few {@code TransactWriteItems} as DynamoDB's
 * limits allow. A row's delete and put always travel in the same transaction, so a row is never
 * missing and never doubled, whatever fails. Transactions run in order and the first one cancelled
 * by a failed condition stops the rest: the caller re-reads and re-plans.
 */
record TransactionalWriter(DynamoDbClient client, String tableName, KeyHolders holders) implements RowWriter {

    /** DynamoDB's limits for one TransactWriteItems: 100 actions and 4 MB. */
    static final int MAX_TRANSACTION_ACTIONS = 100;
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    /** Headroom under the byte limit for the request's expressions and attribute names. */
    static final long TRANSACTION_BYTE_BUDGET = MAX_TRANSACTION_BYTES * 3 / 4;

    /**
     * @throws TransactionCanceledException if a transaction was cancelled for a reason other than a
     *         failed condition (a conflict with another transaction, throttling, validation)
     */
    @Override
    public WriteResult apply(String messageGroupUuid, List<RowAction> actions, MovesInFlight moves) {
        WriteResult result = WriteResult.NOTHING;
        for (List<RowAction> chunk : chunks(actions)) {
            List<RowWrite> writes = chunk.stream().flatMap(a -> RowWrite.of(messageGroupUuid, a).stream()).toList();
            try {
                client.transactWriteItems(b -> b.transactItems(writes.stream().map(w -> w.toTransactItem(tableName)).toList()));
            } catch (TransactionCanceledException e) {
                if (!hasFailedCondition(e)) {
                    throw e;
                }
                return result.plus(WriteResult.conflict(takenKeys(messageGroupUuid, e.cancellationReasons(), writes)));
            }
            result = result.plus(WriteResult.applied(chunk));
        }
        return result;
    }

    /** Splits actions into transactions within DynamoDB's limits; a row's actions stay together. */
    static List<List<RowAction>> chunks(List<RowAction> actions) {
        List<List<RowAction>> chunks = new ArrayList<>();
        List<RowAction> current = new ArrayList<>();
        int count = 0;
        long bytes = 0;
        for (RowAction action : actions) {
            int actionCount = action instanceof Recreate ? 2 : 1;
            long actionBytes = bytes(action);
            if (!current.isEmpty() && (count + actionCount > MAX_TRANSACTION_ACTIONS
                    || bytes + actionBytes > TRANSACTION_BYTE_BUDGET)) {
                chunks.add(current);
                current = new ArrayList<>();
                count = 0;
                bytes = 0;
            }
            current.add(action);
            count += actionCount;
            bytes += actionBytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /**
     * What an action adds to its transaction, by DynamoDB's item sizes: the row as read (its
     * condition compares every attribute) and, for a re-creation, the new row; a delete or an edit
     * counts the row twice (its key and its condition). The budget's headroom covers the rest of the
     * request (expressions, names).
     */
    static long bytes(RowAction action) {
        long row = ItemSize.of(action.row().item());
        return action instanceof Recreate recreate ? row + ItemSize.of(recreate.replacement().item()) : row * 2;
    }

    private static boolean hasFailedCondition(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }

    /**
     * Keys whose put failed because another conversation's row holds them. The cancellation
     * reasons are in the order of the transaction's actions.
     */
    private Map<String, List<String>> takenKeys(String messageGroupUuid, List<CancellationReason> reasons,
                                                List<RowWrite> writes) {
        KeyHolders.Taken taken = new KeyHolders.Taken();
        for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
            CancellationReason reason = reasons.get(i);
            if (writes.get(i).kind() == RowWrite.Kind.PUT && "ConditionalCheckFailed".equals(reason.code())) {
                holders.check(messageGroupUuid, writes.get(i).key(), reason.hasItem() ? reason.item() : null, taken);
            }
        }
        return taken.keys();
    }
}
