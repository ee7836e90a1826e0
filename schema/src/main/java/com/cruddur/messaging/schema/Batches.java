package com.cruddur.messaging.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Records cut into invocations as the event source mapping cuts a shard's records: in order, at most
 * a batch size each. The one batching rule of everything that hands the handler records itself
 * (redrive, reconcile --apply, the synthetic workloads), so that they invoke it as Lambda would.
 */
public final class Batches {

    private Batches() {
    }

    /** The items in order, in consecutive batches of at most {@code size} (the last may be smaller). */
    public static <T> List<List<T>> of(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return batches;
    }

    /** As the deployed mapping delivers them: batches of at most {@link DeploymentContract#BATCH_SIZE}. */
    public static <T> List<List<T>> asDeployed(List<T> records) {
        return of(records, DeploymentContract.BATCH_SIZE);
    }
}
