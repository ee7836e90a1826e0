package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link WriteMode#PUT_FIRST}: plain conditional requests, in an order that never loses a row.
 * First the put of every re-created row, then the deletes of the old rows, the edits and the
 * duplicates' deletes; within each step the requests go out at once (a group chat's twenty rows
 * take two round trips, not forty). A crash anywhere leaves each row present, perhaps twice; the
 * next delivery of the conversation (Lambda retries the batch) finds the two rows of one owner and
 * removes the older, as for any duplicate. Every write still carries its condition; one that fails
 * leaves the rest going and makes the caller re-read.
 */
record PutFirstWriter(DynamoDbClient client, String tableName, KeyHolders holders) implements RowWriter {

    /** What one write came to: done, or refused by its condition. */
    private enum Outcome { DONE, REFUSED }

    @Override
    public WriteResult apply(String messageGroupUuid, List<RowAction> actions, MovesInFlight moves) {
        KeyHolders.Taken taken = new KeyHolders.Taken();
        // 1. Every new row first.
        List<Recreate> puts = actions.stream().filter(Recreate.class::isInstance).map(Recreate.class::cast).toList();
        List<Outcome> putOutcomes = all(puts, move -> {
            moves.started(move);
            try {
                client.putItem(RowWrite.put(messageGroupUuid, move.replacement()).toPutItem(tableName));
                return Outcome.DONE;
            } catch (ConditionalCheckFailedException e) {
                // Not put: its old row must stay. Whose is the key?
                moves.finished(move);
                synchronized (taken) {
                    holders.check(messageGroupUuid, move.replacement().key(), e.hasItem() ? e.item() : null, taken);
                }
                return Outcome.REFUSED;
            }
        });
        boolean conflict = putOutcomes.contains(Outcome.REFUSED);
        // 2. Then the old rows' deletes (of the rows whose new copy is in), the edits, the duplicates.
        List<RowAction> secondStep = new ArrayList<>();
        for (RowAction action : actions) {
            if (!(action instanceof Recreate move) || putOutcomes.get(puts.indexOf(move)) == Outcome.DONE) {
                secondStep.add(action);
            }
        }
        List<Outcome> outcomes = all(secondStep, action -> {
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
                return Outcome.DONE;
            } catch (ConditionalCheckFailedException e) {
                // The row changed since it was read (or is gone): re-read, and the next plan decides.
                return Outcome.REFUSED;
            }
        });
        List<RowAction> applied = new ArrayList<>();
        for (int i = 0; i < secondStep.size(); i++) {
            if (outcomes.get(i) == Outcome.DONE) {
                applied.add(secondStep.get(i));
            }
        }
        conflict |= outcomes.contains(Outcome.REFUSED);
        WriteResult result = WriteResult.applied(applied);
        return conflict ? result.plus(WriteResult.conflict(taken.keys())) : result;
    }

    /**
     * Runs one step's writes at once (one alone runs here) and waits for all of them, so that no
     * write of this step is still going when the next begins; then rethrows the first failure.
     */
    private static <T> List<Outcome> all(List<T> writes, Function<T, Outcome> write) {
        if (writes.size() <= 1) {
            return writes.stream().map(write).toList();
        }
        List<Future<Outcome>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T w : writes) {
                futures.add(executor.submit(() -> write.apply(w)));
            }
        } // waits for every write
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case RuntimeException failure -> throw failure;
                    case Error error -> throw error;
                    default -> throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing", e);
            }
        }
        return outcomes;
    }
}
