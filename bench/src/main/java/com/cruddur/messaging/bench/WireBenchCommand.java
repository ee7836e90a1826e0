package com.cruddur.messaging.bench;

import com.cruddur.messaging.bench.wire.WireRelay;
import com.cruddur.messaging.bench.wire.WireSettings;
import com.cruddur.messaging.devkit.TrafficShape;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.ops.CliCommand;
import com.cruddur.messaging.ops.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/** {@code bench --wire tls,...}: the relay, the function's task root, then the tables ({@link WireBenchRun}). */
final class WireBenchCommand {

    /** The runtime interface client's class path, written by the bench module's build. */
    static final Path RUNTIME_CLASSPATH =
            Path.of(System.getProperty("lambda.runtime.classpath", "bench/target/lambda-runtime.classpath"));

    private WireBenchCommand() {
    }

    static ExitCode run(CliCommand.Io io, URI dynamoDb, WireSettings wire, WireBenchmark.HandlerSettings settings,
                        int memoryMb, Path jar, boolean priming, List<TrafficShape> shapes, List<Strategy> strategies,
                        Function<TrafficShape, List<Workload>> workloads) {
        if (!ProcessCpu.available()) {
            io.err().println("bench --wire: this machine does not report per-thread CPU (/proc/self/schedstat): CPU columns read 0");
        }
        Path work = temporaryDirectory();
        try (WireRelay relay = WireRelay.start(dynamoDb, wire, WorkloadFlows::conversationOf)) {
            HandlerProcess.Setup setup = HandlerProcess.Setup.prepare(jar, RUNTIME_CLASSPATH, work);
            WireBenchRun.heading(io.out(), relay, dynamoDb, settings, memoryMb);
            WireBenchRun run = new WireBenchRun(io.out(), new WireBenchmark(dynamoDb, relay, setup), wire, memoryMb);
            if (priming) {
                run.priming(strategies, settings, io.err());
            } else {
                for (TrafficShape shape : shapes) {
                    run.shape(shape, workloads.apply(shape), strategies, settings, io.err());
                }
            }
            return ExitCode.OK;
        } finally {
            delete(work);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("bench-wire-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory: left for the system to clean.
        }
    }
}
