package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.RowAction.Recreate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The re-creations of one conversation's update (across its attempts) whose new row may have been
 * put while the old row may still be there: only the put-first path has any. They matter when the
 * update must re-read: a copy the handler put is a snapshot of the old row as read then, and if
 * the app has changed the old row since, the old row is the truth and the copy is stale.
 * Thread-safe: a step's writes go out at once.
 */
final class MovesInFlight {

    private final Map<Map<String, AttributeValue>, Recreate> byNewKey = new LinkedHashMap<>();

    /** Before the put: it may go through even if its response is lost. */
    synchronized void started(Recreate move) {
        byNewKey.put(move.replacement().key(), move);
    }

    /** After the old row's delete went through. */
    synchronized void finished(Recreate move) {
        byNewKey.remove(move.replacement().key());
    }

    /**
     * The rows to plan from: all of them, except a copy this update put, unchanged since, whose old
     * row is still there but has changed since it was copied. Without the copy, the planner
     * re-creates the changed old row onto the copy's key (the put may replace this conversation's
     * own row) and deletes it: the app's change is kept. Any other pair of rows is an ordinary
     * duplicate, for the planner to resolve.
     */
    synchronized List<GroupRow> rowsToPlanFrom(List<GroupRow> rows) {
        if (byNewKey.isEmpty()) {
            return rows;
        }
        Map<Map<String, AttributeValue>, GroupRow> byKey = new LinkedHashMap<>();
        rows.forEach(row -> byKey.put(row.key(), row));
        List<GroupRow> kept = new ArrayList<>(rows);
        for (Recreate move : byNewKey.values()) {
            GroupRow copy = byKey.get(move.replacement().key());
            GroupRow source = byKey.get(move.row().key());
            if (copy != null && copy.equals(move.replacement()) && source != null && !source.equals(move.row())) {
                kept.remove(copy);
            }
        }
        return kept;
    }
}
