package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.cruddur.messaging.stream.RowAction.EditMessage;
import com.cruddur.messaging.stream.RowAction.Recreate;
import com.cruddur.messaging.stream.RowAction.RemoveDuplicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decides the writes; performs none. Every method is a pure function of its arguments.
 */
final class Planner {

    /** How far a row may be pushed past keys that other conversations of its owner hold. */
    static final int MAX_KEY_BUMPS = 1_000;
    /** DynamoDB's item limit (400 KB), less 2 KB: the page calls its number sizes approximate. */
    static final long MAX_ROW_BYTES = 400L * 1024 - 2_048;
    /** Ends a last-message preview that had to be shortened to fit its row. */
    static final String ELLIPSIS = "\u2026";

    private Planner() {
    }

    /**
     * The newest message of each conversation in a batch, in order of first appearance. Ten
     * messages to one conversation make one entry.
     */
    public static Map<String, NewMessage> newestPerGroup(Collection<NewMessage> messages) {
        Map<String, NewMessage> newest = new LinkedHashMap<>();
        for (NewMessage message : messages) {
            newest.merge(message.messageGroupUuid(), message,
                    (current, candidate) -> candidate.supersedes(current) ? candidate : current);
        }
        return newest;
    }

    /**
     * Plans one conversation's rows for its newest message.
     *
     * <ul>
     *   <li>Only rows of this conversation are considered (message items that happen to carry a
     *       {@code message_group_uuid} never become a {@link GroupRow}).</li>
     *   <li>A row newer than the message is left alone (late or out-of-order delivery).</li>
     *   <li>A row at the message's sort key gets the message's text if it differs (an edit).</li>
     *   <li>An older row is re-created at the message's sort key with the message's text, every
     *       other attribute kept. If the owner's key at that sort key is held by another
     *       conversation ({@code takenKeys}), the row goes to the next free later key of the same
     *       format (see {@link Timestamps#nextAfter}): both conversations stay listed, in the
     *       order their messages arrived.</li>
     *   <li>Two rows of one owner in this conversation are a duplicate: the newest stays, the
     *       others are deleted.</li>
     * </ul>
     *
     * @param message   the conversation's newest message in the batch
     * @param rows      the rows read from the index (any order; rows of other conversations are ignored)
     * @param takenKeys keys (pk to sort keys) known to be held by other conversations
     */
    public static GroupPlan plan(NewMessage message, Collection<GroupRow> rows,
                                 Map<String, ? extends Collection<String>> takenKeys) {
        // Group by owner; TreeMap for a stable order of writes (and deterministic transactions).
        Map<String, List<GroupRow>> byOwner = new TreeMap<>();
        for (GroupRow row : rows) {
            if (row.messageGroupUuid().equals(message.messageGroupUuid())) {
                byOwner.computeIfAbsent(row.pk(), k -> new ArrayList<>()).add(row);
            }
        }
        List<RowAction> actions = new ArrayList<>();
        int stale = 0;
        for (Map.Entry<String, List<GroupRow>> owner : byOwner.entrySet()) {
            List<GroupRow> ownRows = owner.getValue();
            ownRows.sort(Comparator.comparing(GroupRow::sk).reversed());
            GroupRow row = ownRows.getFirst();
            for (GroupRow duplicate : ownRows.subList(1, ownRows.size())) {
                actions.add(new RemoveDuplicate(duplicate));
            }
            int order = row.sk().compareTo(message.createdAt());
            if (order > 0) {
                stale++;
            } else if (order == 0) {
                String text = fitting(row, message.text());
                if (!Objects.equals(row.message(), text)) {
                    actions.add(new EditMessage(row, text));
                }
            } else {
                String target = freeKey(message.createdAt(), takenKeys.get(owner.getKey()));
                actions.add(new Recreate(row, row.movedTo(target, fitting(row, message.text()))));
            }
        }
        return new GroupPlan(actions, stale);
    }

    private static String freeKey(String sortKey, Collection<String> taken) {
        String candidate = sortKey;
        for (int i = 0; taken != null && taken.contains(candidate); i++) {
            if (i == MAX_KEY_BUMPS) {
                throw new IllegalStateException("no free sort key within " + MAX_KEY_BUMPS + " steps");
            }
            candidate = Timestamps.nextAfter(candidate);
        }
        return candidate;
    }

    /**
     * The message as the row can hold it. A message item can be 400 KB; the row must also hold the
     * owner's other attributes, so a message that would push the row past DynamoDB's item limit is
     * cut (on a character boundary) and ends with an ellipsis: the conversation still moves and
     * shows the start of its last message, instead of failing forever.
     */
    static String fitting(GroupRow row, String text) {
        Map<String, AttributeValue> others = new LinkedHashMap<>(row.item());
        others.remove(ATTR_MESSAGE);
        long room = MAX_ROW_BYTES - ItemSize.of(others) - ATTR_MESSAGE.length();
        byte[] utf8 = text.getBytes(UTF_8);
        if (utf8.length <= room) {
            return text;
        }
        long budget = Math.max(0, room - ELLIPSIS.getBytes(UTF_8).length);
        int end = 0;
        long used = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int bytes = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (used + bytes > budget) {
                break;
            }
            used += bytes;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
