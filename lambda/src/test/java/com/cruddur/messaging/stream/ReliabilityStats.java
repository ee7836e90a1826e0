package com.cruddur.messaging.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the reliability properties tried against one handler configuration, printed and
 * written to {@code target/reliability-stats.txt} (rewritten by each test run, one section per
 * configuration). Runs made while shrinking are not counted.
 */
final class ReliabilityStats {

    /** Always reported, zero or not, so that a figure that stays at zero shows. */
    private static final List<String> FIGURES = List.of(
            "generated cases", "invocations", "crashes (before a request)", "crashes (after a request was executed)",
            "faults: throttling", "faults: 5xx", "faults: timeout", "faults: response lost after execution",
            "faults: transaction conflict", "faults: concurrent app write", "concurrent races",
            "rewinds (duplicate deliveries)", "observed points checked", "batch item failures retried",
            "failing cases");
    private static final Path FILE = Path.of("target", "reliability-stats.txt");
    private static final AtomicBoolean WRITTEN = new AtomicBoolean();

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    ReliabilityStats() {
        FIGURES.forEach(figure -> counts.put(figure, new AtomicLong()));
    }

    void add(String what, long n) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    void inc(String what) {
        add(what, 1);
    }

    synchronized void report(String title) {
        StringBuilder text = new StringBuilder("== ").append(title).append(" ==\n");
        new TreeMap<>(counts).forEach((k, v) -> text.append(String.format("%-40s %,d%n", k, v.get())));
        System.out.print(text);
        try {
            Files.createDirectories(FILE.getParent());
            // The first section of a test run replaces the last run's file; later ones are appended.
            StandardOpenOption mode = WRITTEN.getAndSet(true) ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            Files.writeString(FILE, text, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
        } catch (IOException e) {
            System.out.println("cannot write reliability stats: " + e);
        }
    }
}
