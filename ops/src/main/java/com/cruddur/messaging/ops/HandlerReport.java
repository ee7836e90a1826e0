package com.cruddur.messaging.ops;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What one invocation of the handler did, for people: the one printer of the handler's result that
 * every command running the handler uses (replay, send, watch, redrive, reconcile).
 */
public final class HandlerReport {

    private HandlerReport() {
    }

    /**
     * Prints {@code lead} and the handler's line, then a line per malformed record and failed
     * conversation, indented two spaces more than {@code lead}.
     */
    public static void print(PrintStream out, String lead, InvocationReport report, Style style) {
        print(out, lead, report, style, "");
    }

    /** As {@link #print(PrintStream, String, InvocationReport, Style)}, with {@code tail} after the handler's line. */
    public static void print(PrintStream out, String lead, InvocationReport report, Style style, String tail) {
        out.println(lead + line(report, style) + tail);
        String indent = lead.substring(0, lead.length() - lead.stripLeading().length()) + "  ";
        for (String problem : problems(report, style)) {
            out.println(indent + problem);
        }
    }

    /**
     * What the handler did, on one line: records processed and skipped (with reasons), conversations
     * updated, rows re-created, stale and failed, and the batch item failures returned to Lambda.
     */
    public static String line(InvocationReport report, Style style) {
        List<String> parts = new ArrayList<>();
        parts.add(report.messages() + " processed");
        String skipped = report.skippedTotal() + " skipped";
        if (report.skippedTotal() > 0) {
            skipped += " (" + report.skipped().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> e.getKey().name() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + ")";
        }
        parts.add(skipped);
        if (!report.malformed().isEmpty()) {
            parts.add(report.malformed().size() + " malformed");
        }
        parts.add(Plural.of(report.groupsUpdated(), "group") + " updated");
        parts.add(Plural.of(report.rowsRecreated(), "row") + " re-created");
        if (report.rowsEdited() > 0) {
            parts.add(Plural.of(report.rowsEdited(), "row") + " edited");
        }
        if (report.duplicatesRemoved() > 0) {
            parts.add(Plural.of(report.duplicatesRemoved(), "duplicate") + " removed");
        }
        parts.add(report.staleRows() + " stale");
        parts.add(report.groupsFailed() + " failed");
        parts.add("batchItemFailures: " + batchItemFailures(report.response()));
        return "handler: " + style.join(parts);
    }

    /** Lines detailing malformed records and failed conversations (none when all went well). */
    public static List<String> problems(InvocationReport report, Style style) {
        List<String> lines = new ArrayList<>();
        for (Malformed m : report.malformed()) {
            lines.add("malformed record #" + m.position() + " (eventID " + m.eventId() + ", sequence "
                    + m.sequenceNumber() + "): " + m.problem());
        }
        for (GroupOutcome g : report.groups()) {
            if (g.failed()) {
                lines.add("failed: conversation " + style.shortId(g.messageGroupUuid()) + " (sequence "
                        + g.sequenceNumber() + ", " + Plural.of(g.attempts(), "attempt") + "): " + g.failure());
            }
        }
        return lines;
    }

    /** Batch item failures as Lambda reads them: {@code ["<sequence number>", ...]}. */
    private static String batchItemFailures(StreamsEventResponse response) {
        List<StreamsEventResponse.BatchItemFailure> failures = response == null || response.getBatchItemFailures() == null
                ? List.of() : response.getBatchItemFailures();
        return failures.stream()
                .map(f -> "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(String.valueOf(f.getItemIdentifier()))) + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
