package com.cruddur.messaging.stream;

import java.util.List;

/**
 * What one conversation needs, as decided from its rows and its newest message.
 *
 * @param actions   the writes, in a stable order (by owner)
 * @param staleRows rows already newer than the message: left alone, never moved backwards
 */
record GroupPlan(List<RowAction> actions, int staleRows) {

    public GroupPlan {
        actions = List.copyOf(actions);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
