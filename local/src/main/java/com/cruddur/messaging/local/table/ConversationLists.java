package com.cruddur.messaging.local.table;

import com.cruddur.messaging.local.Views;
import com.cruddur.messaging.local.table.Conversations.Row;
import com.cruddur.messaging.ops.Style;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Users' conversation lists for people, before and after the handler ran. */
public final class ConversationLists {

    private static final int TEXT_WIDTH = 48;

    private ConversationLists() {
    }

    /**
     * A user's conversation list before and after a change, newest first; rows of the conversations
     * in {@code changed} are marked when they moved up or show a new last message.
     */
    public static void beforeAfter(PrintStream out, String indent, String title, List<Row> before, List<Row> after,
                            Set<String> changed, Style style) {
        out.println(indent + title + " conversations, newest first:");
        int width = nameWidth(before, after, style);
        printRows(out, indent + "  before: ", indent + "          ", before, width, null, changed, style);
        printRows(out, indent + "  after:  ", indent + "          ", after, width, before, changed, style);
    }

    private static void printRows(PrintStream out, String first, String rest, List<Row> rows, int width,
                                  List<Row> before, Set<String> changed, Style style) {
        if (rows.isEmpty()) {
            out.println(first + "(no conversations)");
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String line = (i == 0 ? first : rest) + (i + 1) + ". " + pad(name(row, style), width) + "  " + Views.time(row.lastAt())
                    + "  \"" + style.clip(row.message(), TEXT_WIDTH) + "\"";
            String mark = before == null ? null : mark(row, i, before, changed);
            out.println(mark == null ? line : line + "   " + style.marker() + " " + mark);
        }
    }

    private static String mark(Row row, int position, List<Row> before, Set<String> changed) {
        if (!changed.contains(row.groupUuid())) {
            return null;
        }
        int was = -1;
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).groupUuid().equals(row.groupUuid())) {
                was = i;
                break;
            }
        }
        if (was < 0) {
            return "new";
        }
        Row old = before.get(was);
        if (position < was) {
            return "moved up";
        }
        if (!old.lastAt().equals(row.lastAt()) || !old.message().equals(row.message())) {
            return "new last message";
        }
        return null;
    }

    private static String name(Row row, Style style) {
        return style.clip(row.otherName() == null || row.otherName().isBlank() ? row.otherUuid() : row.otherName(), 32);
    }

    private static int nameWidth(Collection<Row> a, Collection<Row> b, Style style) {
        return Stream.concat(a.stream(), b.stream()).mapToInt(r -> name(r, style).length()).max().orElse(0);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
