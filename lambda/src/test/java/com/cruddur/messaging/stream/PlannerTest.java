package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PlannerTest {

    private static final String G = "g-1";
    private static final String T1 = "2026-11-21T10:00:00.000000+00:00";
    private static final String T2 = "2026-11-21T11:00:00.000000+00:00";
    private static final String T3 = "2026-11-21T12:00:00.000000+00:00";

    @Test
    void theNewestMessageOfEachGroupWinsAndForEqualSortKeysTheLaterRecord() {
        NewMessage a = message(G, T2, "a", 0);
        NewMessage older = message(G, T1, "older, later in batch", 1);
        NewMessage other = message("g-2", T1, "other group", 2);
        NewMessage edit = message(G, T2, "a, edited", 3);

        Map<String, NewMessage> newest = Planner.newestPerGroup(List.of(a, older, other, edit));

        assertThat(newest).containsExactly(Map.entry(G, edit), Map.entry("g-2", other));
    }

    @Test
    void anOlderRowIsRecreatedWithEveryAttributeAndOnlySortKeyAndMessageChanged() {
        Map<String, AttributeValue> item = item("GRP#u1", T1, G, "old");
        item.put("muted", AttributeValue.fromBool(true));
        item.put("prefs", AttributeValue.fromM(Map.of("theme", AttributeValue.fromS("dark"))));
        GroupRow row = new GroupRow(item);

        GroupPlan plan = Planner.plan(message(G, T3, "new", 0), List.of(row), Map.of());

        Map<String, AttributeValue> expected = new LinkedHashMap<>(item);
        expected.put("sk", AttributeValue.fromS(T3));
        expected.put("message", AttributeValue.fromS("new"));
        assertThat(plan.actions()).containsExactly(new Recreate(row, new GroupRow(expected)));
    }

    @Test
    void aRowNewerThanTheMessageIsLeftAlone() {
        GroupPlan plan = Planner.plan(message(G, T1, "late", 0), List.of(row("GRP#u1", T2, G, "newer")), Map.of());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.staleRows()).isEqualTo(1);
    }

    @Test
    void aRowAtTheMessagesSortKeyGetsAnEditedTextInPlaceAndNothingWhenTheTextIsTheSame() {
        GroupRow row = row("GRP#u1", T2, G, "typo");

        assertThat(Planner.plan(message(G, T2, "fixed", 0), List.of(row), Map.of()).actions())
                .containsExactly(new EditMessage(row, "fixed"));
        assertThat(Planner.plan(message(G, T2, "typo", 0), List.of(row), Map.of()))
                .isEqualTo(new GroupPlan(List.of(), 0));
    }

    @Test
    void rowsOfAnotherConversationAreNeverPlanned() {
        List<GroupRow> rows = List.of(row("GRP#u1", T1, "another-group", "another conversation"));

        assertThat(Planner.plan(message(G, T3, "new", 0), rows, Map.of()).actions()).isEmpty();
    }

    @Test
    void onlyGroupItemsWithStringKeysAndAConversationBecomeRows() {
        assertThat(GroupRow.from(item("MSG#" + G, T1, G, "a message item carrying the group id"))).isEmpty();
        Map<String, AttributeValue> numericSortKey = item("GRP#u1", T1, G, "x");
        numericSortKey.put("sk", AttributeValue.fromN("1"));
        assertThat(GroupRow.from(numericSortKey)).isEmpty();
        Map<String, AttributeValue> noConversation = item("GRP#u1", T1, G, "x");
        noConversation.remove("message_group_uuid");
        assertThat(GroupRow.from(noConversation)).isEmpty();
        assertThat(GroupRow.from(item("GRP#u1", T1, G, "x"))).map(GroupRow::sk).contains(T1);
    }

    @Test
    void aSecondRowOfTheSameOwnerIsRemovedAndTheNewestOneMoved() {
        GroupRow newest = row("GRP#u1", T2, G, "b");
        GroupRow duplicate = row("GRP#u1", T1, G, "a");

        GroupPlan plan = Planner.plan(message(G, T3, "c", 0), List.of(duplicate, newest), Map.of());

        assertThat(plan.actions()).hasSize(2);
        assertThat(plan.actions().getFirst()).isEqualTo(new RemoveDuplicate(duplicate));
        assertThat(plan.actions().get(1)).isInstanceOf(Recreate.class)
                .extracting(a -> ((Recreate) a).row()).isEqualTo(newest);
    }

    @Test
    void aKeyHeldByAnotherConversationPushesTheRowToTheNextFreeLaterKey() {
        GroupRow row = row("GRP#u1", T1, G, "old");

        GroupPlan plan = Planner.plan(message(G, T3, "new", 0), List.of(row),
                Map.of("GRP#u1", List.of(T3, "2026-11-21T12:00:00.000001+00:00")));

        assertThat(((Recreate) plan.actions().getFirst()).replacement().sk())
                .isEqualTo("2026-11-21T12:00:00.000002+00:00");
    }

    @Test
    void actionsAreOrderedByOwnerWhateverTheReadOrder() {
        GroupPlan plan = Planner.plan(message(G, T3, "new", 0),
                List.of(row("GRP#u2", T1, G, "x"), row("GRP#u1", T1, G, "x")), Map.of());

        assertThat(plan.actions()).extracting(a -> a.row().pk()).containsExactly("GRP#u1", "GRP#u2");
    }

    static NewMessage message(String group, String sk, String text, int position) {
        return new NewMessage("e" + position, Integer.toString(100 + position), position, group, sk, text);
    }

    static GroupRow row(String pk, String sk, String group, String message) {
        return new GroupRow(item(pk, sk, group, message));
    }

    static Map<String, AttributeValue> item(String pk, String sk, String group, String message) {
        Map<String, AttributeValue> row = new LinkedHashMap<>();
        row.put("pk", AttributeValue.fromS(pk));
        row.put("sk", AttributeValue.fromS(sk));
        row.put("message_group_uuid", AttributeValue.fromS(group));
        row.put("message", AttributeValue.fromS(message));
        row.put("user_uuid", AttributeValue.fromS("other"));
        return row;
    }
}
