package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link GroupRowStore#apply} did.
 *
 * @param recreated         rows moved to the new sort key
 * @param edited            rows whose message was updated in place
 * @param duplicatesRemoved duplicate rows deleted
 * @param conflict          whether a transaction was cancelled by a failed condition
 * @param takenKeys         keys found held by another conversation (pk to sort keys)
 */
record WriteResult(int recreated, int edited, int duplicatesRemoved,
                          boolean conflict, Map<String, List<String>> takenKeys) {

    static final WriteResult NOTHING = new WriteResult(0, 0, 0, false, Map.of());

    static WriteResult applied(Collection<RowAction> actions) {
        int recreated = 0;
        int edited = 0;
        int removed = 0;
        for (RowAction action : actions) {
            switch (action) {
                case Recreate r -> recreated++;
                case EditMessage e -> edited++;
                case RemoveDuplicate d -> removed++;
            }
        }
        return new WriteResult(recreated, edited, removed, false, Map.of());
    }

    static WriteResult conflict(Map<String, List<String>> takenKeys) {
        return new WriteResult(0, 0, 0, true, takenKeys);
    }

    WriteResult plus(WriteResult other) {
        Map<String, List<String>> taken = new LinkedHashMap<>();
        takenKeys.forEach((k, v) -> taken.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        other.takenKeys.forEach((k, v) -> taken.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new WriteResult(recreated + other.recreated, edited + other.edited,
                duplicatesRemoved + other.duplicatesRemoved,
                conflict || other.conflict, taken);
    }
}
