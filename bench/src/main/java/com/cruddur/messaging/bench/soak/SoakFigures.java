package com.cruddur.messaging.bench.soak;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one soak came to: the writes, how they were applied, and the check.
 *
 * @param seconds          how long the app wrote
 * @param messages         new messages written
 * @param edits            edits written
 * @param deletions        deletions written
 * @param failedWrites     the app's writes DynamoDB refused (not waited for)
 * @param missedWrites     writes the app could not send on time (left out, not sent in a burst)
 * @param applied          writes seen applied by the handler in the run (the latency's samples)
 * @param latencyP50Millis end-to-end latency, median
 * @param latencyP99Millis end-to-end latency, 99th percentile
 * @param maxAgeSeconds    the highest iterator age
 * @param ageSlope         the iterator age's least-squares slope over the last half of the run, s per s (NaN: too few samples)
 * @param heapHighMb       highest used heap sampled each second (MemoryMXBean: includes garbage not yet collected)
 * @param heapAfterGcHighMb highest heap left after a collection (the heap pools' collection usage)
 * @param faultsInjected   transient faults injected at the handler's client
 * @param recordsGivenUp   records the mapping gave up on (then redriven)
 * @param objectsRedriven  failure objects the redrive applied
 * @param notDelivered     writes never seen applied nor given up on by the end of the drain
 * @param checked          conversations checked
 * @param wrong            conversations reconcile's diff found wrong, by id, with what is wrong
 */
public record SoakFigures(double seconds, long messages, long edits, long deletions, long failedWrites,
                          long missedWrites, long applied,
                          double latencyP50Millis, double latencyP99Millis, double maxAgeSeconds, double ageSlope,
                          double heapHighMb, double heapAfterGcHighMb, long faultsInjected, long recordsGivenUp,
                          int objectsRedriven, long notDelivered, int checked, Map<String, String> wrong) {

    /** The iterator age counts as flat when it grows less than this many seconds per second over the last half. */
    public static final double FLAT_SLOPE = 0.02;

    public long writes() {
        return messages + edits + deletions;
    }

    /** The app wrote at least this share of the rate asked for, or the run says nothing about the rate. */
    public static final double RATE_KEPT = 0.95;

    /** Whether the rate was sustained: written as asked, and the iterator age flat over the last half of the run. */
    public boolean sustained(double rate) {
        return !Double.isNaN(ageSlope) && ageSlope < FLAT_SLOPE && writes() >= RATE_KEPT * rate * seconds;
    }

    /** The summary lines: never message text, conversations by id only. */
    public List<String> lines(double rate) {
        String verdict = Double.isNaN(ageSlope)
                ? "no verdict: too few batches in the last half of the run"
                : (sustained(rate) ? "sustained " : "NOT sustained ") + fmt("%.1f", rate) + "/s: written at "
                        + fmt("%.1f", writes() / seconds) + "/s (at least " + RATE_KEPT + " of it needed), iterator age "
                        + (ageSlope < FLAT_SLOPE ? "flat" : "growing") + " over the last half of the run (slope "
                        + fmt("%+.4f", ageSlope) + " s/s; flat: under " + FLAT_SLOPE + ")";
        String conversations = checked + " conversations checked with reconcile's diff, " + wrong.size() + " wrong"
                + (wrong.isEmpty() ? "" : ": " + wrong.entrySet().stream().limit(5)
                        .map(e -> e.getKey() + " (" + e.getValue() + ")").toList() + (wrong.size() > 5 ? " ..." : ""));
        return List.of(
                "soak: " + writes() + " writes in " + fmt("%.0f", seconds) + " s (" + fmt("%.1f", writes() / seconds)
                        + "/s: " + messages + " messages, " + edits + " edits, " + deletions + " deletions; "
                        + failedWrites + " refused, " + missedWrites + " missed: DynamoDB held the app back)",
                "  applied in the run: " + applied + " · latency write -> rows p50 " + fmt("%.0f", latencyP50Millis)
                        + " ms, p99 " + fmt("%.0f", latencyP99Millis) + " ms · iterator age max " + fmt("%.1f", maxAgeSeconds)
                        + " s · heap high-water " + fmt("%.0f", heapHighMb) + " MB used, " + fmt("%.0f", heapAfterGcHighMb)
                        + " MB after GC",
                "  faults injected " + faultsInjected + " · records given up on " + recordsGivenUp + ", redriven in "
                        + objectsRedriven + " object(s) · never seen applied " + notDelivered,
                "  " + conversations,
                "  verdict: " + verdict);
    }

    /** Least-squares slope of age (s) over time (s) of the samples in the last half of [start, end]. */
    static double slope(List<SoakLedger.AgeSample> samples, long startNanos, long endNanos) {
        long half = startNanos + (endNanos - startNanos) / 2;
        List<SoakLedger.AgeSample> last = samples.stream().filter(s -> s.atNanos() >= half && s.atNanos() <= endNanos).toList();
        if (last.size() < 3) {
            return Double.NaN;
        }
        double n = last.size();
        double meanX = last.stream().mapToDouble(s -> s.atNanos() / 1e9).sum() / n;
        double meanY = last.stream().mapToDouble(s -> s.ageNanos() / 1e9).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (SoakLedger.AgeSample s : last) {
            double dx = s.atNanos() / 1e9 - meanX;
            sxy += dx * (s.ageNanos() / 1e9 - meanY);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    /** The value at quantile {@code q} of sorted nanoseconds, in milliseconds (nearest rank); 0 when empty. */
    static double percentileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}
