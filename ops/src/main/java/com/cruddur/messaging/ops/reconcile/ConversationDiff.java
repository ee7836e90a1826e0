package com.cruddur.messaging.ops.reconcile;

import com.cruddur.messaging.stream.ConversationCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code reconcile}'s check, pure: it takes the table's items (from a scan of the whole table, or
 * one conversation's), keeps each conversation's newest message as the handler's decoder would read
 * it and the conversation's rows, and asks the handler's own planner how the rows stand against the
 * message ({@link ConversationCheck}). It reads and writes nothing itself: {@link TableScan} feeds
 * it, {@link Repair} acts on what it found.
 */
final class ConversationDiff {

    /** What is wrong with a conversation. */
    enum Problem {
        /** Rows at an older sort key than its newest message. */
        BEHIND("behind"),
        /** Rows at its newest message's sort key with another text (a missed edit). */
        EDITED("edited"),
        /** More than one row of an owner. */
        DUPLICATE("duplicate"),
        /** Rows, but no message: nothing to bring them to, left alone. */
        ORPHAN("orphan"),
        /** Messages, but no row: the handler moves rows, it does not create them; left alone. */
        NO_ROWS("no-rows");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        /** Whether the handler, given the newest message, fixes it. */
        boolean fixable() {
            return this == BEHIND || this == EDITED || this == DUPLICATE;
        }
    }

    /**
     * One conversation that is not as its newest message says.
     *
     * @param group    the conversation
     * @param problems what is wrong
     * @param check    how its rows stand (null without a message or without rows)
     * @param rows     its rows
     */
    record Finding(String group, Set<Problem> problems, ConversationCheck.Result check, int rows) {

        boolean fixable() {
            return problems.stream().anyMatch(Problem::fixable);
        }
    }

    /**
     * The check's result.
     *
     * @param conversations conversations seen (with messages, rows or both)
     * @param healthy       conversations whose every row is at its newest message
     * @param findings      the others, by conversation id
     */
    record Diff(int conversations, int healthy, List<Finding> findings) {

        long count(Problem problem) {
            return findings.stream().filter(f -> f.problems().contains(problem)).count();
        }

        List<String> fixable() {
            return findings.stream().filter(Finding::fixable).map(Finding::group).toList();
        }
    }

    private final Map<String, ConversationCheck.Newest> newest = new ConcurrentHashMap<>();
    private final Map<String, List<Map<String, AttributeValue>>> rows = new ConcurrentHashMap<>();

    /** Takes one item of the table (from the scanning threads). */
    void accept(Map<String, AttributeValue> item) {
        // What the handler's decoder would skip as malformed never decides a conversation.
        ConversationCheck.message(item).ifPresentOrElse(
                message -> newest.merge(message.messageGroupUuid(), message, (a, b) -> b.supersedes(a) ? b : a),
                () -> ConversationCheck.rowConversation(item).ifPresent(group -> rows.computeIfAbsent(group,
                        g -> Collections.synchronizedList(new ArrayList<>())).add(item)));
    }

    /** Takes one conversation's rows and its newest message, read directly (reconcile --group). */
    void accept(String group, Map<String, AttributeValue> newestMessage, Collection<Map<String, AttributeValue>> groupRows) {
        if (newestMessage != null) {
            accept(newestMessage);
        }
        rows.computeIfAbsent(group, g -> Collections.synchronizedList(new ArrayList<>())).addAll(groupRows);
    }

    /** Compares every conversation seen with its newest message. Pure. */
    Diff diff() {
        Set<String> groups = new TreeSet<>(newest.keySet());
        groups.addAll(rows.keySet());
        List<Finding> findings = new ArrayList<>();
        int healthy = 0;
        for (String group : groups) {
            ConversationCheck.Newest message = newest.get(group);
            List<Map<String, AttributeValue>> groupRows = rows.getOrDefault(group, List.of());
            if (message == null) {
                findings.add(new Finding(group, EnumSet.of(Problem.ORPHAN), null, groupRows.size()));
                continue;
            }
            if (groupRows.isEmpty()) {
                findings.add(new Finding(group, EnumSet.of(Problem.NO_ROWS), null, 0));
                continue;
            }
            ConversationCheck.Result check = ConversationCheck.of(message, groupRows);
            if (!check.needsWork()) {
                healthy++;
                continue;
            }
            Set<Problem> problems = EnumSet.noneOf(Problem.class);
            if (check.behind() > 0) {
                problems.add(Problem.BEHIND);
            }
            if (check.edits() > 0) {
                problems.add(Problem.EDITED);
            }
            if (check.duplicates() > 0) {
                problems.add(Problem.DUPLICATE);
            }
            findings.add(new Finding(group, problems, check, groupRows.size()));
        }
        return new Diff(groups.size(), healthy, List.copyOf(findings));
    }

}
