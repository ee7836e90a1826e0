package com.cruddur.messaging.ops.reconcile;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code reconcile}'s check of a whole table, without its report: for the benchmark and the soak. */
public final class TableCheck {

    /**
     * What one check read and found.
     *
     * @param scanned       items DynamoDB read
     * @param readUnits     read capacity units consumed
     * @param requests      Scan requests
     * @param time          scan and diff, wall time
     * @param conversations conversations seen
     * @param toFix         conversations {@code --apply} would fix
     */
    public record Figures(long scanned, double readUnits, long requests, Duration time, int conversations, int toFix) {

        public double itemsPerSecond() {
            return time.isZero() ? 0 : scanned / (time.toNanos() / 1e9);
        }
    }

    private TableCheck() {
    }

    /** Scans the table in {@code segments} segments and compares every conversation, as reconcile does. */
    public static Figures run(DynamoDbClient client, String table, int segments) throws InterruptedException {
        long start = System.nanoTime();
        ConversationDiff reconciler = new ConversationDiff();
        TableScan.Stats stats = new TableScan(client, table, segments, ReadRate.UNLIMITED)
                .run(reconciler::accept, (items, kept, units) -> { });
        ConversationDiff.Diff diff = reconciler.diff();
        return new Figures(stats.scanned(), stats.readUnits(), stats.requests(), Duration.ofNanos(System.nanoTime() - start),
                diff.conversations(), diff.fixable().size());
    }

    /**
     * Scans the table as {@link #run} does and names every conversation the diff finds wrong, with
     * what is wrong ({@code behind}, {@code edited}, {@code duplicate}, {@code orphan}, {@code no-rows}),
     * in order of conversation id; a conversation that is not named has every row at its newest message.
     */
    public static Map<String, String> findings(DynamoDbClient client, String table, int segments) throws InterruptedException {
        ConversationDiff reconciler = new ConversationDiff();
        new TableScan(client, table, segments, ReadRate.UNLIMITED).run(reconciler::accept, (items, kept, units) -> { });
        Map<String, String> findings = new LinkedHashMap<>();
        for (ConversationDiff.Finding finding : reconciler.diff().findings()) {
            findings.put(finding.group(), finding.problems().stream().map(ConversationDiff.Problem::label)
                    .collect(Collectors.joining(",")));
        }
        return findings;
    }
}
