package com.cruddur.messaging.local;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.InvocationReport.GroupOutcome;
import com.cruddur.messaging.stream.InvocationReport.Malformed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The human output shared by the commands: what the handler did, counts, times. */
public final class Views {

    private Views() {
    }

    /** "2026-11-21T12:00:00" out of "2026-11-21T12:00:00.000000+00:00": the sort keys people read. */
    public static String time(String sortKey) {
        if (sortKey != null && sortKey.length() >= 19 && sortKey.charAt(10) == 'T') {
            return sortKey.substring(0, 19);
        }
        return sortKey == null ? "" : sortKey;
    }

    /**
     * What the handler did, on one line: records processed and skipped (with reasons), conversations
     * updated, rows re-created, stale and failed, and the batch item failures returned to Lambda.
     */
    public static String handlerLine(InvocationReport report, Style style) {
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
    public static List<String> problemLines(InvocationReport report, Style style) {
        List<String> lines = new ArrayList<>();
        for (Malformed m : report.malformed()) {
            lines.add("malformed record #" + m.position() + " (eventID " + m.eventId() + ", sequence "
                    + m.sequenceNumber() + "): " + m.problem());
        }
        for (GroupOutcome g : report.groups()) {
            if (g.failed()) {
                lines.add("failed: conversation " + style.shortId(g.messageGroupUuid()) + " (sequence "
                        + g.sequenceNumber() + ", " + plural(g.attempts(), "attempt") + "): " + g.failure());
            }
        }
        return lines;
    }

    /** Batch item failures as Lambda reads them: {@code ["<sequence number>", ...]}. */
    private static String batchItemFailures(StreamsEventResponse response) {
        List<StreamsEventResponse.BatchItemFailure> failures = response == null || response.getBatchItemFailures() == null
                ? List.of() : response.getBatchItemFailures();
        return failures.stream()
                .map(f -> DynamoJson.quote(String.valueOf(f.getItemIdentifier())))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    public static String plural(long n, String noun) {
        return plural(n, noun, noun + "s");
    }

    public static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** Requests by operation: "Query 1, TransactWriteItems 1 (2 requests)". */
    public static String requests(Map<String, Integer> byOperation) {
        if (byOperation.isEmpty()) {
            return "none";
        }
        int total = byOperation.values().stream().mapToInt(Integer::intValue).sum();
        return byOperation.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (" + plural(total, "request") + ")";
    }
}
