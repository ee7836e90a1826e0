package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.stream.GroupPlan;
import com.cruddur.messaging.stream.GroupRow;
import com.cruddur.messaging.stream.NewMessage;
import com.cruddur.messaging.stream.Planner;
import com.cruddur.messaging.stream.RowAction;
import java.util.Collection;
import java.util.Map;

/**
 * How one conversation's rows stand against its newest message, as the handler's own planner sees
 * them ({@link Planner#plan}, pure: nothing is read or written here). A row behind the message
 * would be re-created, a row at it with another text edited, a second row of one owner removed;
 * a row already past it (a later message, or a key moved on by a collision) is left alone.
 *
 * @param group    the conversation
 * @param newestAt the newest message's sort key
 * @param rows     the conversation's rows
 * @param behind   rows at an older sort key than the newest message
 * @param edits    rows at its sort key showing another text
 * @param duplicates rows beside their owner's newest row of the conversation
 * @param ahead    rows already later than the newest message
 */
record ConversationCheck(String group, String newestAt, int rows, int behind, int edits, int duplicates, int ahead) {

    static ConversationCheck of(NewMessage newest, Collection<GroupRow> rows) {
        GroupPlan plan = Planner.plan(newest, rows, Map.of());
        int behind = 0;
        int edits = 0;
        int duplicates = 0;
        for (RowAction action : plan.actions()) {
            switch (action) {
                case RowAction.Recreate r -> behind++;
                case RowAction.EditMessage e -> edits++;
                case RowAction.RemoveDuplicate d -> duplicates++;
            }
        }
        return new ConversationCheck(newest.messageGroupUuid(), newest.createdAt(), rows.size(), behind, edits,
                duplicates, plan.staleRows());
    }

    /** Whether the handler, given the newest message, would write anything. */
    boolean needsWork() {
        return behind + edits + duplicates > 0;
    }
}
