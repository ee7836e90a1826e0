package com.cruddur.messaging.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts what the reliability tests tried, printed and written to {@code target/reliability-stats.txt}. */
final class ReliabilityStats {

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private ReliabilityStats() {
    }

    static void add(String what, long n) {
        COUNTS.computeIfAbsent(what, k -> new AtomicLong()).addAndGet(n);
    }

    static void inc(String what) {
        add(what, 1);
    }

    static synchronized void report(String title) {
        StringBuilder text = new StringBuilder("== ").append(title).append(" ==\n");
        new TreeMap<>(COUNTS).forEach((k, v) -> text.append(String.format("%-36s %,d%n", k, v.get())));
        System.out.print(text);
        try {
            Path file = Path.of("target", "reliability-stats.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("cannot write reliability stats: " + e);
        }
    }
}
