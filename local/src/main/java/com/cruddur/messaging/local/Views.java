package com.cruddur.messaging.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.local.Conversations.Row;
import com.cruddur.messaging.stream.DecodedRecord.Malformed;
import com.cruddur.messaging.stream.DecodedRecord.SkipReason;
import com.cruddur.messaging.stream.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The human output shared by the commands: handler reports and conversation lists. */
final class Views {

    private static final int TEXT_WIDTH = 48;

    private Views() {
    }

    /** "2026-11-21T12:00:00" out of "2026-11-21T12:00:00.000000+00:00": the sort keys people read. */
    static String time(String sortKey) {
        if (sortKey != null && sortKey.length() >= 19 && sortKey.charAt(10) == 'T') {
            return sortKey.substring(0, 19);
        }
        return sortKey == null ? "" : sortKey;
    }

    /**
     * What the handler did, on one line: records processed and skipped (with reasons), conversations
     * updated, rows re-created, stale and failed, and the batch item failures returned to Lambda.
     */
    static String handlerLine(InvocationReport report, Style style) {
        List<String> parts = new ArrayList<>();
        parts.add(report.messages() + " processed");
        String skipped = report.skippedTotal() + " skipped";
        if (report.skippedTotal() > 0) {
            skipped += " (" + report.skipped().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> reason(e.getKey()) + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + ")";
        }
        parts.add(skipped);
        if (!report.malformed().isEmpty()) {
            parts.add(report.malformed().size() + " malformed");
        }
        parts.add(plural(report.groupsUpdated(), "group") + " updated");
        parts.add(plural(report.rowsRecreated(), "row") + " re-created");
        if (report.rowsEdited() > 0) {
            parts.add(plural(report.rowsEdited(), "row") + " edited");
        }
        if (report.duplicatesRemoved() > 0) {
            parts.add(plural(report.duplicatesRemoved(), "duplicate") + " removed");
        }
        parts.add(report.staleRows() + " stale");
        parts.add(report.groupsFailed() + " failed");
        parts.add("batchItemFailures: " + batchItemFailures(report.response()));
        return "handler: " + style.join(parts);
    }

    /** Lines detailing malformed records and failed conversations (none when all went well). */
    static List<String> problemLines(InvocationReport report, Style style) {
        List<String> lines = new ArrayList<>();
        for (Malformed m : report.malformed()) {
            lines.add("malformed record #" + m.position() + " (eventID " + m.eventId() + ", sequence "
                    + m.sequenceNumber() + "): " + m.problem());
        }
        for (GroupOutcome g : report.groups()) {
            if (g.failed()) {
                lines.add("failed: conversation " + style.shortId(g.message().messageGroupUuid()) + " (sequence "
                        + g.message().sequenceNumber() + ", " + plural(g.attempts(), "attempt") + "): " + g.failure());
            }
        }
        return lines;
    }

    /** Batch item failures as Lambda reads them: {@code ["<sequence number>", ...]}. */
    static String batchItemFailures(StreamsEventResponse response) {
        List<StreamsEventResponse.BatchItemFailure> failures = response == null || response.getBatchItemFailures() == null
                ? List.of() : response.getBatchItemFailures();
        return failures.stream()
                .map(f -> Json.quote(String.valueOf(f.getItemIdentifier())))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /**
     * A user's conversation list before and after a change, newest first; rows of the conversations
     * in {@code changed} are marked when they moved up or show a new last message.
     */
    static void beforeAfter(PrintStream out, String indent, String title, List<Row> before, List<Row> after,
                            Set<String> changed, Style style) {
        out.println(indent + title + " conversations, newest first:");
        int width = nameWidth(before, after, style);
        printRows(out, indent + "  before: ", indent + "          ", before, width, null, changed, style);
        printRows(out, indent + "  after:  ", indent + "          ", after, width, before, changed, style);
    }

    /** A user's conversation list, newest first. */
    static void list(PrintStream out, String indent, List<Row> rows, Style style) {
        int width = nameWidth(rows, List.of(), style);
        printRows(out, indent, indent, rows, width, null, Set.of(), style);
    }

    static String plural(long n, String noun) {
        return plural(n, noun, noun + "s");
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String reason(SkipReason reason) {
        return reason.name();
    }

    private static void printRows(PrintStream out, String first, String rest, List<Row> rows, int width,
                                  List<Row> before, Set<String> changed, Style style) {
        if (rows.isEmpty()) {
            out.println(first + "(no conversations)");
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String line = (i == 0 ? first : rest) + (i + 1) + ". " + pad(name(row, style), width) + "  " + time(row.lastAt())
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

    /** Requests by operation: "Query 1, TransactWriteItems 1 (2 requests)". */
    static String requests(Map<String, Integer> byOperation) {
        if (byOperation.isEmpty()) {
            return "none";
        }
        int total = byOperation.values().stream().mapToInt(Integer::intValue).sum();
        return byOperation.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + plural(total, "request") + ")";
    }
}
