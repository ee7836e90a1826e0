package com.cruddur.messaging.stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What every plan must satisfy, whatever the message and the rows: the rules of the README's "How
 * the handler works", stated over the plan's writes alone.
 */
final class PlanInvariants {

    private PlanInvariants() {
    }

    static void check(NewMessage message, List<GroupRow> rows, GroupPlan plan) {
        String group = message.messageGroupUuid();
        // The conversation's rows by owner, newest first (DynamoDB orders sort keys as strings).
        Map<String, List<GroupRow>> byOwner = new TreeMap<>();
        rows.stream().filter(r -> r.messageGroupUuid().equals(group))
                .forEach(r -> byOwner.computeIfAbsent(r.pk(), k -> new ArrayList<>()).add(r));
        byOwner.values().forEach(list -> list.sort(Comparator.comparing(GroupRow::sk).reversed()));

        Map<String, List<RowAction>> actionsByOwner = new LinkedHashMap<>();
        for (RowAction action : plan.actions()) {
            GroupRow row = action.row();
            // Only rows that were read, of this conversation, under GRP# keys: never a message item.
            assertThat(rows).as("an action on a row that was read").contains(row);
            assertThat(row.messageGroupUuid()).isEqualTo(group);
            assertThat(row.pk()).startsWith(MessagesTable.GROUP_PREFIX);
            actionsByOwner.computeIfAbsent(row.pk(), k -> new ArrayList<>()).add(action);
            switch (action) {
                case Recreate r -> checkRecreate(message, r);
                case EditMessage e -> {
                    assertThat(e.row().sk()).isEqualTo(message.createdAt());
                    checkText(message, e.text());
                }
                case RemoveDuplicate d -> assertThat(d.row()).isNotEqualTo(byOwner.get(d.row().pk()).getFirst());
            }
        }

        int stale = 0;
        for (Map.Entry<String, List<GroupRow>> owner : byOwner.entrySet()) {
            GroupRow newest = owner.getValue().getFirst();
            List<RowAction> actions = actionsByOwner.getOrDefault(owner.getKey(), List.of());
            // Every older row of the owner goes; the newest is kept, edited in place or re-created: exactly one stays.
            assertThat(actions.stream().filter(a -> a instanceof RemoveDuplicate).map(RowAction::row).toList())
                    .containsExactlyInAnyOrderElementsOf(owner.getValue().subList(1, owner.getValue().size()));
            List<RowAction> onNewest = actions.stream().filter(a -> a.row().equals(newest)).toList();
            assertThat(onNewest).hasSizeLessThanOrEqualTo(1);
            int order = newest.sk().compareTo(message.createdAt());
            if (order > 0) {
                stale++;
                assertThat(onNewest).as("a newer row is never moved back").isEmpty();
            } else if (order < 0) {
                assertThat(onNewest).as("an older row is re-created").singleElement().isInstanceOf(Recreate.class);
            } else {
                assertThat(onNewest).allSatisfy(a -> assertThat(a).isInstanceOf(EditMessage.class));
            }
        }
        assertThat(plan.staleRows()).isEqualTo(stale);
        assertThat(actionsByOwner.keySet()).isSubsetOf(byOwner.keySet());
    }

    private static void checkRecreate(NewMessage message, Recreate r) {
        GroupRow old = r.row();
        GroupRow moved = r.replacement();
        assertThat(moved.pk()).isEqualTo(old.pk());
        assertThat(moved.messageGroupUuid()).isEqualTo(old.messageGroupUuid());
        assertThat(Timestamps.isTimestamp(moved.sk())).as("the new key is a timestamp").isTrue();
        assertThat(moved.sk()).as("never backwards").isGreaterThan(old.sk());
        assertThat(moved.sk()).isGreaterThanOrEqualTo(message.createdAt());
        checkText(message, moved.message());
        // Every other attribute kept, known or not.
        Map<String, AttributeValue> before = new LinkedHashMap<>(old.item());
        Map<String, AttributeValue> after = new LinkedHashMap<>(moved.item());
        for (String changed : List.of(MessagesTable.SK, MessagesTable.ATTR_MESSAGE)) {
            before.remove(changed);
            after.remove(changed);
        }
        assertThat(after).isEqualTo(before);
    }

    /** The message's text, or its start cut on a character boundary and ended with an ellipsis to fit the row. */
    private static void checkText(NewMessage message, String shown) {
        if (!shown.equals(message.text())) {
            assertThat(shown).endsWith(Planner.ELLIPSIS);
            assertThat(message.text()).startsWith(shown.substring(0, shown.length() - Planner.ELLIPSIS.length()));
            assertThat((long) shown.getBytes(UTF_8).length).isLessThan(Planner.MAX_ROW_BYTES);
        }
    }
}
