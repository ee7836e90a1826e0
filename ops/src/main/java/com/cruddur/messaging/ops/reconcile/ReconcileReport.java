package com.cruddur.messaging.ops.reconcile;

import com.cruddur.messaging.ops.CliCommand.Io;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.stream.ConversationCheck;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code reconcile} says: a line per conversation that is not right, the check's summary, the
 * scan's progress, and the repair's outcome with its exit status. Only ids, keys and counts.
 */
final class ReconcileReport {

    private final PrintStream out;
    private final PrintStream err;
    private final Style style;

    ReconcileReport(Io io) {
        this.out = io.out();
        this.err = io.err();
        this.style = io.style();
    }

    /** One line per conversation that is not right, fixable ones first. */
    void findings(ConversationDiff.Diff diff) {
        List<ConversationDiff.Finding> ordered = new ArrayList<>(diff.findings().stream()
                .filter(ConversationDiff.Finding::fixable).toList());
        ordered.addAll(diff.findings().stream().filter(f -> !f.fixable()).toList());
        for (ConversationDiff.Finding finding : ordered) {
            String problems = finding.problems().stream().map(ConversationDiff.Problem::label).collect(Collectors.joining("+"));
            out.println(String.format("%-10s %s %s %s", problems, finding.group(), style.dot(), details(finding)));
        }
    }

    void scanned(TableScan.Stats stats, ConversationDiff.Diff diff) {
        out.println("reconcile: scanned " + stats.scanned() + " items (" + stats.kept() + " messages and rows) in "
                + String.format(Locale.ROOT, "%.1f s", stats.time().toMillis() / 1000.0) + " " + style.dot() + " "
                + String.format(Locale.ROOT, "%.0f items/s", stats.itemsPerSecond()) + " " + style.dot() + " "
                + units(stats.readUnits()) + " in " + Plural.of(stats.requests(), "request") + " " + style.dot() + " "
                + summary(diff));
    }

    void checked(ConversationDiff.Diff diff) {
        out.println("reconcile: " + summary(diff));
    }

    /** The scan's progress, on standard error. */
    void scanning(long items, long kept, double readUnits, double itemsPerSecond) {
        err.println("  scanned " + items + " items " + style.dot() + " " + kept + " messages and rows " + style.dot() + " "
                + units(readUnits) + " " + style.dot() + String.format(Locale.ROOT, " %.0f items/s", itemsPerSecond));
    }

    /** The repair's progress, on standard error. */
    void applying(int done, int total, int fixed, int current, int failed) {
        err.println("  applied " + done + "/" + total + " conversations " + style.dot() + " " + fixed + " fixed "
                + style.dot() + " " + current + " already right " + style.dot() + " " + failed + " failed");
    }

    /** What the repair did, and the exit status: 1 when a conversation could not be fixed. */
    ExitCode applied(int conversations, Repair.Applied applied, double seconds) {
        for (Map.Entry<String, String> failure : applied.failed().entrySet()) {
            out.println("not fixed  " + failure.getKey() + " " + style.dot() + " " + failure.getValue());
        }
        out.println("reconcile --apply: " + Plural.of(conversations, "conversation") + " in "
                + String.format(Locale.ROOT, "%.1f s", seconds) + " " + style.dot() + " " + applied.fixed() + " fixed ("
                + Plural.of(applied.recreated(), "row") + " re-created, " + applied.edited() + " edited, "
                + Plural.of(applied.duplicates(), "duplicate") + " removed) " + style.dot() + " " + applied.current()
                + " already right " + style.dot() + " " + applied.failed().size() + " not fixed");
        return applied.failed().isEmpty() ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    /** "200 read units", "2.5 read units". */
    static String units(double units) {
        return format(units) + (units == 1 ? " read unit" : " read units");
    }

    static String format(double units) {
        return units == Math.rint(units) ? String.format(Locale.ROOT, "%.0f", units)
                : String.format(Locale.ROOT, "%.1f", units);
    }

    private static String details(ConversationDiff.Finding finding) {
        ConversationCheck.Result check = finding.check();
        if (check == null) {
            return finding.problems().contains(ConversationDiff.Problem.ORPHAN)
                    ? Plural.of(finding.rows(), "row") + ", no message: left alone"
                    : "messages, no row: left alone";
        }
        List<String> parts = new ArrayList<>();
        if (check.behind() > 0) {
            parts.add(check.behind() + " of " + Plural.of(check.rows(), "row") + " behind");
        }
        if (check.edits() > 0) {
            parts.add(Plural.of(check.edits(), "row") + " with another text");
        }
        if (check.duplicates() > 0) {
            parts.add(Plural.of(check.duplicates(), "duplicate row"));
        }
        parts.add("newest message " + check.newestAt());
        return String.join(", ", parts);
    }

    private static String summary(ConversationDiff.Diff diff) {
        return Plural.of(diff.conversations(), "conversation") + ": " + diff.healthy() + " right, "
                + diff.count(ConversationDiff.Problem.BEHIND) + " behind, " + diff.count(ConversationDiff.Problem.EDITED)
                + " edited, " + diff.count(ConversationDiff.Problem.DUPLICATE) + " with duplicates, "
                + diff.count(ConversationDiff.Problem.ORPHAN) + " orphaned, "
                + diff.count(ConversationDiff.Problem.NO_ROWS) + " without rows";
    }
}
