package com.cruddur.messaging.ops.redrive;

import com.cruddur.messaging.ops.CliCommand.Io;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerReport;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.stream.InvocationReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code redrive} says, and nothing else: a line per step of each failure object (read,
 * filtered, re-read, applied or would be, removed or left) and the summary with its exit status.
 * Only ids, keys and counts: never an object's content, which holds message text.
 */
final class RedriveReport {

    /** What became of an object, for the summary. */
    enum Result {
        REMOVED, APPLIED_FROM_FILE, WOULD_APPLY, FAILURES_REMAIN, UNUSABLE, GONE
    }

    /** How many conversation ids or message keys a line names before it says "and N more". */
    private static final int IDS_SHOWN = 10;

    private final PrintStream out;
    private final Style style;
    private final Map<Result, Integer> results = new EnumMap<>(Result.class);

    RedriveReport(Io io) {
        this.out = io.out();
        this.style = io.style();
    }

    void header(List<String> parts) {
        out.println(style.join(parts));
    }

    /** "▶ object 3 KEY (stored ...): RetryAttemptsExhausted after 6 invocations · shard ... (N records)". */
    void object(String label, FailureObject failure) {
        out.println(style.bullet() + " " + label + ": " + (failure.condition() == null ? "" : failure.condition() + " after "
                + Plural.of(failure.invokeCount(), "invocation") + " " + style.dot() + " ")
                + "shard " + failure.shardId() + " " + style.dot() + " sequence numbers " + failure.startSequenceNumber()
                + " to " + failure.endSequenceNumber() + " (" + Plural.of(failure.batchSize(), "record") + ")");
    }

    void gone(String label) {
        out.println(style.bullet() + " " + label + ": already removed (by another redrive?)");
    }

    void unusable(String label, String reason) {
        out.println(style.bullet() + " " + label + ": not a usable failure object (" + reason + ")");
    }

    /** Why the object's records are not this table's handler's to take. */
    void otherTable(String reason) {
        out.println("  " + reason);
    }

    void payload(int records, int filteredOut) {
        out.println("  payload: " + Plural.of(records, "record") + " " + style.dot() + " " + filteredOut + " filtered out"
                + (filteredOut == 0 ? "" : " (not an INSERT or MODIFY of a MSG# item)"));
    }

    void reread(CurrentMessages.Result current) {
        out.println("  re-read: " + Plural.of(current.records().size(), "record") + " as the table holds its message now "
                + style.dot() + " " + current.deleted().size() + " deleted since, skipped" + shown(current.deleted())
                + " " + style.dot() + " " + current.changed() + " changed since");
    }

    void nothingToApply() {
        out.println("  nothing to apply");
    }

    void invoked(int retry, int records, InvocationReport report) {
        HandlerReport.print(out, "  " + retries(retry) + Plural.of(records, "record") + " " + style.dot() + " ", report, style);
    }

    void functionError(int retry, int records, RuntimeException error) {
        out.println("  " + retries(retry) + Plural.of(records, "record") + " " + style.dot() + " the handler failed: "
                + error.getClass().getSimpleName() + ": " + Style.firstLine(error.getMessage()));
    }

    void applied(int records, int total, int invocations, List<String> updated, int upToDate) {
        out.println("  applied " + Plural.of(records, "record") + " of " + total + " in " + Plural.of(invocations, "invocation")
                + " " + style.dot() + " " + Plural.of(updated.size(), "conversation") + " updated" + shown(updated) + " "
                + style.dot() + " " + upToDate + " already up to date");
    }

    void stillFailing(int records, int retries, List<String> causes) {
        out.println("  " + Plural.of(records, "record") + " still failing after " + Plural.of(retries, "retry", "retries")
                + ": " + String.join("; ", causes));
    }

    void wouldApply(int records, int invocations, List<String> toUpdate, int rowsToWrite, int upToDate) {
        out.println("  dry run: would apply " + Plural.of(records, "record") + " in " + Plural.of(invocations, "invocation")
                + " " + style.dot() + " " + Plural.of(toUpdate.size(), "conversation") + " to update" + shown(toUpdate)
                + " (" + Plural.of(rowsToWrite, "row") + " to write) " + style.dot() + " " + upToDate + " already up to date");
    }

    /** What became of an object read from a file: nothing to remove, nothing to say beyond the summary. */
    void fileResult(Result result) {
        results.merge(result, 1, Integer::sum);
    }

    /** What became of an object of the bucket, on its last line. */
    void bucketResult(Result result) {
        results.merge(result, 1, Integer::sum);
        switch (result) {
            case REMOVED -> out.println("  removed from the bucket");
            case WOULD_APPLY -> out.println("  dry run: left in the bucket");
            case FAILURES_REMAIN, UNUSABLE -> out.println("  left in the bucket");
            case APPLIED_FROM_FILE, GONE -> { }
        }
        out.flush();
    }

    /**
     * The summary line and the exit status: 0 when every object read was applied (or would be), 1
     * when some are left.
     *
     * @param bucket the bucket's name, or null for a file
     * @param since  "stored since ..." or ""
     */
    ExitCode summary(String bucket, boolean dryRun, String since) {
        int handled = results.values().stream().mapToInt(Integer::intValue).sum();
        if (handled == 0) {
            out.println("redrive: no failure object in bucket " + bucket + since + ": nothing to do");
            return ExitCode.OK;
        }
        List<String> parts = new ArrayList<>(List.of(Plural.of(handled, "failure object")));
        if (dryRun) {
            parts.add(count(Result.WOULD_APPLY) + " would be redriven");
        } else if (bucket != null) {
            parts.add(count(Result.REMOVED) + " redriven and removed");
        } else {
            parts.add(count(Result.APPLIED_FROM_FILE) + " redriven (from a file: nothing removed)");
        }
        if (count(Result.GONE) > 0) {
            parts.add(count(Result.GONE) + " already removed");
        }
        int left = count(Result.FAILURES_REMAIN) + count(Result.UNUSABLE);
        if (left > 0) {
            List<String> why = new ArrayList<>();
            if (count(Result.FAILURES_REMAIN) > 0) {
                why.add(count(Result.FAILURES_REMAIN) + " still failing");
            }
            if (count(Result.UNUSABLE) > 0) {
                why.add(count(Result.UNUSABLE) + " unusable");
            }
            parts.add(left + (bucket != null ? " left in the bucket" : " not redriven") + " (" + String.join(", ", why) + ")");
        }
        out.println("redrive: " + String.join(", ", parts));
        return left == 0 ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    private int count(Result result) {
        return results.getOrDefault(result, 0);
    }

    private static String retries(int retry) {
        return retry > 0 ? "retry " + retry + ": " : "";
    }

    private static String shown(List<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        return ": " + String.join(", ", ids.subList(0, Math.min(IDS_SHOWN, ids.size())))
                + (ids.size() > IDS_SHOWN ? " and " + (ids.size() - IDS_SHOWN) + " more" : "");
    }
}
