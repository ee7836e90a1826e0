package com.cruddur.messaging.ops.reconcile;

import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code reconcile}'s check of a whole table, without its report: for the benchmark. */
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
}
