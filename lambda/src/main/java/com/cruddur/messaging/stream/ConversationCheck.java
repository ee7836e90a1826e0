package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.stream.DecodedRecord.Message;
import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * "What would the handler do with this conversation?", for the tools that are not the handler:
 * redrive's dry run, reconcile's check and the benchmark's capacity model. The handler's own
 * decoder, coalescing and planner answer, behind this small surface, so that a change to them is
 * not a change to those tools. Checking reads at most the index and never writes; applying is the
 * handler's alone ({@link MessageGroupStreamHandler#process}), given the newest message as a stream
 * record.
 */
public final class ConversationCheck {

    /**
     * A conversation's newest message, the one the handler moves its rows to.
     *
     * @param messageGroupUuid the conversation
     * @param sortKey          the message's sort key ({@code created_at})
     * @param text             the message; never logged
     */
    public record Newest(String messageGroupUuid, String sortKey, String text) {

        /** Whether this message decides the conversation rather than {@code other}: the later sort key. */
        public boolean supersedes(Newest other) {
            return sortKey.compareTo(other.sortKey) > 0;
        }

        @Override
        public String toString() {
            return "Newest[" + messageGroupUuid + " " + sortKey + "]";
        }
    }

    /**
     * How one conversation's rows stand against its newest message, as the planner sees them: a
     * row behind the message would be re-created at it, a row at it with another text edited, a
     * second row of one owner removed; a row already past it is left alone.
     *
     * @param messageGroupUuid the conversation
     * @param newestAt         the newest message's sort key
     * @param rows             the conversation's rows
     * @param behind           rows at an older sort key than the newest message
     * @param edits            rows at its sort key showing another text
     * @param duplicates       rows beside their owner's newest row of the conversation
     * @param ahead            rows already later than the newest message
     */
    public record Result(String messageGroupUuid, String newestAt, int rows, int behind, int edits, int duplicates,
                         int ahead) {

        /** Whether the handler, given the newest message, would write anything. */
        public boolean needsWork() {
            return rowsToWrite() > 0;
        }

        /** The rows the handler would write: re-create, edit or remove. */
        public int rowsToWrite() {
            return behind + edits + duplicates;
        }
    }

    private final RecordDecoder decoder;
    private final GroupRowStore store;

    /** Checks against the table and index of {@code config}, read with {@code client}. */
    public ConversationCheck(DynamoDbClient client, Config config) {
        this.decoder = new RecordDecoder(config.tableName());
        this.store = new GroupRowStore(client, config.tableName(), config.indexName(), config.writeMode());
    }

    /**
     * What the handler would do with this event, conversation by conversation: its records decoded
     * and coalesced as the handler does, each conversation's rows read from the index and planned.
     * Nothing is written.
     */
    public List<Result> check(DynamodbEvent event) {
        List<Result> results = new ArrayList<>();
        for (NewMessage newest : Planner.newestPerGroup(decode(decoder, event)).values()) {
            results.add(plan(newest, store.findRows(newest.messageGroupUuid())));
        }
        return results;
    }

    /** A conversation's rows, read from the index as the handler reads them (every page). */
    public List<Map<String, AttributeValue>> rows(String messageGroupUuid) {
        return store.findRows(messageGroupUuid).stream().map(GroupRow::item).toList();
    }

    /** Pure: the conversation's rows ({@code items}; anything that is not one of its rows is ignored) against its newest message. */
    public static Result of(Newest newest, Collection<Map<String, AttributeValue>> items) {
        List<GroupRow> rows = items.stream().map(GroupRow::from).flatMap(Optional::stream).toList();
        return plan(new NewMessage(null, null, 0, newest.messageGroupUuid(), newest.sortKey(), newest.text()), rows);
    }

    /**
     * The newest message of each conversation of a batch, in order of first appearance, as the
     * handler coalesces them: only records its decoder takes as messages of {@code tableName}'s
     * stream count.
     */
    public static List<Newest> newestPerConversation(DynamodbEvent batch, String tableName) {
        return Planner.newestPerGroup(decode(new RecordDecoder(tableName), batch)).values().stream()
                .map(m -> new Newest(m.messageGroupUuid(), m.createdAt(), m.text())).toList();
    }

    /**
     * A message item of the table as the handler's decoder would take its record: empty for any
     * other item, and for one it would reject (no string text, a sort key that is not a timestamp).
     */
    public static Optional<Newest> message(Map<String, AttributeValue> item) {
        String pk = string(item, MessagesTable.PK);
        String sk = string(item, MessagesTable.SK);
        String text = string(item, MessagesTable.ATTR_MESSAGE);
        if (pk == null || !pk.startsWith(MessagesTable.MESSAGE_PREFIX) || pk.length() == MessagesTable.MESSAGE_PREFIX.length()
                || text == null || !Timestamps.isTimestamp(sk)) {
            return Optional.empty();
        }
        return Optional.of(new Newest(pk.substring(MessagesTable.MESSAGE_PREFIX.length()), sk, text));
    }

    /** The conversation of a conversation-list row; empty for any other item. */
    public static Optional<String> rowConversation(Map<String, AttributeValue> item) {
        return GroupRow.from(item).map(GroupRow::messageGroupUuid);
    }

    private static List<NewMessage> decode(RecordDecoder decoder, DynamodbEvent event) {
        List<NewMessage> messages = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return messages;
        }
        for (int i = 0; i < event.getRecords().size(); i++) {
            if (decoder.decode(event.getRecords().get(i), i) instanceof Message m) {
                messages.add(m.message());
            }
        }
        return messages;
    }

    private static Result plan(NewMessage newest, Collection<GroupRow> rows) {
        GroupPlan plan = Planner.plan(newest, rows, Map.of());
        int behind = 0;
        int edits = 0;
        int duplicates = 0;
        for (RowAction action : plan.actions()) {
            switch (action) {
                case Recreate r -> behind++;
                case EditMessage e -> edits++;
                case RemoveDuplicate d -> duplicates++;
            }
        }
        int own = (int) rows.stream().filter(r -> r.messageGroupUuid().equals(newest.messageGroupUuid())).count();
        return new Result(newest.messageGroupUuid(), newest.createdAt(), own, behind, edits, duplicates, plan.staleRows());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
