package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.stream.WriteMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The handler's duration at the memory sizes a user would consider, measured in child JVMs
 * limited as Lambda limits a function of that memory: the JVM sizes itself for that much RAM
 * ({@code -XX:MaxRAM}, as in Lambda's container), sees as many processors as Lambda gives
 * ({@code -XX:ActiveProcessorCount}), and, where this machine lets a process set a CPU quota
 * (cgroup v1 {@code cpu.cfs_quota_us}), gets the share of CPU time Lambda allocates: CPU in
 * proportion to memory, one vCPU at 1,769 MB (Lambda developer guide, "Configure Lambda function
 * memory"). DynamoDB Local runs in this process, unlimited: the waiting on DynamoDB is the same at
 * every size, as it would be on AWS.
 */
final class MemorySweep {

    /** Lambda gives one full vCPU at this memory size. */
    static final int MB_PER_VCPU = 1769;
    private static final Path CPU_CGROUPS = Path.of("/sys/fs/cgroup/cpu");
    private static final long CFS_PERIOD_US = 100_000;
    private static final AtomicInteger TABLES = new AtomicInteger();

    /** One measured size and write path: its invocations' durations, measured in the child JVM. */
    record Sample(int memoryMb, double vcpus, WriteMode mode, Durations durations, boolean cpuLimited) {
    }

    private final URI endpoint;

    MemorySweep(URI endpoint) {
        this.endpoint = endpoint;
    }

    static Workload workload(int conversations, int participants, int messages) {
        return new Workload(conversations, participants, messages, 100, 0, 0, 42);
    }

    /** Whether this machine lets the benchmark give a child process a CPU quota. */
    static boolean canLimitCpu() {
        return Files.isWritable(CPU_CGROUPS);
    }

    Sample measure(int memoryMb, WriteMode mode, TrafficShape shape, int conversations, int participants, int messages) {
        Workload workload = workload(conversations, participants, messages);
        String warm = "sweep-warm-" + TABLES.incrementAndGet();
        String measured = "sweep-" + TABLES.incrementAndGet();
        double vcpus = (double) memoryMb / MB_PER_VCPU;
        try (DynamoDbClient admin = LocalDynamoDb.clientBuilder(endpoint).build()) {
            for (String table : List.of(warm, measured)) {
                Workloads.freshTable(admin, table, workload);
            }
            try {
                List<String> command = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:MaxRAM=" + memoryMb + "m",
                        "-XX:ActiveProcessorCount=" + Math.max(1, (int) Math.ceil(vcpus)),
                        // The JIT settings of Lambda's Java runtime.
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp", selfJar().toString(), MemoryProbe.class.getName(),
                        endpoint.toString(), warm, measured, mode.value(), shape.name(),
                        Integer.toString(conversations), Integer.toString(participants), Integer.toString(messages)));
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                Path cgroup = limitCpu(process.pid(), vcpus);
                try {
                    return new Sample(memoryMb, vcpus, mode, new Durations(readDurations(process), messages), cgroup != null);
                } finally {
                    process.destroyForcibly();
                    removeCgroup(cgroup);
                }
            } finally {
                for (String table : List.of(warm, measured)) {
                    admin.deleteTable(b -> b.tableName(table));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long[] readDurations(Process process) throws IOException {
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("durations ")) {
                    return Arrays.stream(line.substring("durations ".length()).split(",")).mapToLong(Long::parseLong).toArray();
                }
                output.add(line);
            }
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the memory probe printed no durations; its output:\n" + String.join("\n", output));
    }

    /** Puts the process in a cgroup of its own with Lambda's CPU share for its memory; null where not possible. */
    private static Path limitCpu(long pid, double vcpus) {
        if (!canLimitCpu()) {
            return null;
        }
        try {
            Path group = Files.createDirectories(CPU_CGROUPS.resolve("messaging-bench-" + pid));
            Files.writeString(group.resolve("cpu.cfs_period_us"), Long.toString(CFS_PERIOD_US));
            Files.writeString(group.resolve("cpu.cfs_quota_us"), Long.toString(Math.round(vcpus * CFS_PERIOD_US)));
            // Writing the process id moves every thread of the process (cgroup v1).
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
            return group;
        } catch (IOException e) {
            return null;
        }
    }

    private static void removeCgroup(Path group) {
        if (group == null) {
            return;
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                Files.deleteIfExists(group);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100); // its process is still exiting
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static Path selfJar() {
        try {
            return Path.of(MemorySweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
