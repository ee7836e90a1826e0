package com.cruddur.messaging.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time another process has used, <em>measured</em> by the kernel: the sum of
 * {@code sum_exec_runtime} (nanoseconds, the first field of {@code /proc/PID/task/TID/schedstat})
 * over its threads. {@code ThreadMXBean} cannot see the handler's virtual threads, and the process
 * totals of {@code /proc/PID/stat} count in clock ticks of 10 ms, coarser than a batch; a thread
 * that ends between two readings takes its time with it (the JVM's carrier and compiler threads
 * outlive a batch).
 */
final class ProcessCpu {

    private ProcessCpu() {
    }

    /** Whether this machine reports it (Linux with schedstat). */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/schedstat"));
    }

    /** CPU nanoseconds used so far by the live threads of process {@code pid}. */
    static long nanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long total = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                total += threadNanos(thread.resolve("schedstat"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
        return total;
    }

    /**
     * CPU nanoseconds used so far by the Java main thread of process {@code pid}: in the Lambda
     * runtime, the runtime interface client's thread. The {@code java} launcher runs {@code main} on a
     * thread it creates, which keeps the launcher's name ({@code comm} "java": the JVM names the
     * threads it starts itself, not this one); the launcher's own thread (id = pid) only waits.
     */
    static long mainThreadNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long total = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                if (!thread.getFileName().toString().equals(Long.toString(pid)) && "java".equals(name(thread))) {
                    total += threadNanos(thread.resolve("schedstat"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
        return total;
    }

    private static String name(Path thread) throws IOException {
        try {
            return Files.readString(thread.resolve("comm")).strip();
        } catch (NoSuchFileException e) {
            return ""; // the thread ended
        }
    }

    private static long threadNanos(Path schedstat) throws IOException {
        try {
            String line = Files.readString(schedstat).strip();
            return Long.parseLong(line.substring(0, line.indexOf(' ')));
        } catch (NoSuchFileException e) {
            return 0; // the thread ended while the others were read
        }
    }
}
