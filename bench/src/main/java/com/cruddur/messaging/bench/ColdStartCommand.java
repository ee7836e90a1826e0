package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.SeedData;
import com.cruddur.messaging.local.replay.EventFile;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.DeploymentContract.Env;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code coldstart}: the deployment jar's cold start, measured in fresh JVMs. */
@Command(customSynopsis = {"coldstart [--runs N] [--jar PATH] [--event FILE] [--endpoint URL]"},
        description = {
            """
                    Starts DynamoDB Local, then, --runs times per variant, a fresh JVM whose class path begins with
                    the deployment jar. The JVM does what Lambda's runtime does for a first event: constructs the
                    handler with its no-argument constructor (configuration and client from the environment, with
                    AWS_ENDPOINT_URL_DYNAMODB pointing at DynamoDB Local), deserializes the event with the runtime's
                    serializer and invokes it against a freshly seeded table. It prints the medians: wall time from
                    starting the process to the response, the handler's construction and first invocation, and the
                    classes loaded (-Xlog:class+load). A probe JVM that has not answered within 60 s is stopped.

                    variants:
                      lambda          the JIT settings of Lambda's Java runtime (-XX:TieredStopAtLevel=1)
                      lambda+priming  the same, with the SnapStart priming hook run after construction: the
                                      first invocation is then what a restored snapshot runs
                      full-jit        the JVM's default tiered compilation

                    SnapStart itself (restoring a snapshot) cannot be measured off AWS."""},
        footer = {"example:", "  ./dev build && ./dev coldstart --runs 7"})
public final class ColdStartCommand extends LocalBenchCommand {

    /** The Lambda Java runtime's default JIT setting (C1 only), for start-up. */
    private static final List<String> LAMBDA_JVM = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    /** How long a probe JVM may take to answer; a cold start takes a few seconds even on a busy machine. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    /** One way of starting the function, measured {@code runs} times. */
    private record Variant(String name, List<String> jvmArgs, boolean prime) {
    }

    /** Medians of one variant. */
    private record Figures(String variant, long totalMs, long constructMs, long invokeMs, long classes) {
    }

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "runs per variant (default ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--jar", paramLabel = "PATH", defaultValue = DeploymentContract.FUNCTION_JAR,
            description = "the deployment jar (default ${DEFAULT-VALUE})")
    private Path jar;

    @Option(names = "--event", paramLabel = "FILE", defaultValue = "events/new-message.json",
            description = "the first event (default ${DEFAULT-VALUE})")
    private Path event;

    @Override
    protected void check() {
        within("--runs", runs, 1, 100);
        if (!Files.isRegularFile(jar)) {
            throw new InputException(jar + ": no such jar (build it first: ./dev build)");
        }
        EventFile.load(event); // a clear one-line error now rather than in every child
    }

    @Override
    protected ExitCode run(Io io, Target target) {
        Path self = ProbeJar.cut();
        List<Variant> variants = List.of(
                new Variant("lambda", LAMBDA_JVM, false),
                new Variant("lambda+priming", LAMBDA_JVM, true),
                new Variant("full-jit", List.of(), false));
        DynamoDbClient client = target.client();
        io.out().printf("deployment jar %s: %,d bytes · %d run(s) per variant · JVM %s%n",
                jar, size(jar), runs, Runtime.version());
        List<Figures> all = new ArrayList<>();
        for (Variant variant : variants) {
            List<long[]> samples = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                io.err().println("… " + variant.name() + " " + run + "/" + runs);
                freshTable(client, target.table());
                samples.add(measure(variant, self, target));
            }
            all.add(new Figures(variant.name(), median(samples, 0), median(samples, 1), median(samples, 2),
                    median(samples, 3)));
        }
        io.out().printf("  %-15s %12s %13s %14s %9s%n", "variant", "to response", "construct", "first invoke", "classes");
        for (Figures f : all) {
            io.out().printf("  %-15s %9d ms %10d ms %11d ms %9d%n", f.variant(), f.totalMs(), f.constructMs(),
                    f.invokeMs(), f.classes());
        }
        return ExitCode.OK;
    }

    private static void freshTable(DynamoDbClient client, String table) {
        if (TableDefinitions.tableExists(client, table)) {
            client.deleteTable(b -> b.tableName(table));
        }
        TableDefinitions.createTable(client, table);
        SeedData.sample().load(client, table, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** One fresh JVM: {total ms to the response line, construct ms, invoke ms, classes loaded}. */
    private long[] measure(Variant variant, Path self, Target target) {
        try {
            Path classLog = Files.createTempFile("coldstart-classes-", ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(variant.jvmArgs());
            command.add("-Xlog:class+load=info:file=" + classLog);
            command.add("-Xshare:auto");
            command.add("-cp");
            // The deployment jar first: every class it holds is loaded from it, as in Lambda.
            command.add(jar + File.pathSeparator + self);
            command.add(ColdStartProbe.class.getName());
            command.add(event.toString());
            if (variant.prime()) {
                command.add("--prime");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("AWS_") || k.equals(Env.TABLE_NAME) || k.equals(Env.INDEX_NAME));
            env.put("AWS_ENDPOINT_URL_DYNAMODB", target.endpoint().toString());
            // DynamoDB Local keeps tables per region and access key: the CLI's own.
            env.put("AWS_REGION", LocalDynamoDb.REGION.id());
            env.put("AWS_ACCESS_KEY_ID", LocalDynamoDb.CREDENTIALS.resolveCredentials().accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", LocalDynamoDb.CREDENTIALS.resolveCredentials().secretAccessKey());
            env.put(Env.TABLE_NAME, target.table());
            ProbeProcess.Output output = ProbeProcess.run(builder, PROBE_TIMEOUT, variant.name());
            long classes;
            List<String> missing;
            try (var lines = Files.lines(classLog)) {
                List<String> loaded = lines.filter(l -> l.contains(" source: ")).toList();
                classes = loaded.size();
                // The probe jar holds only the probe and the runtime's serializer: a function class
                // found there (or anywhere but the deployment jar) is one the deployment jar lacks.
                missing = loaded.stream()
                        // Loaded from a file on the class path, but not from the deployment jar.
                        .filter(l -> (l.contains("source: file:") || l.contains("source: jar:"))
                                && !l.contains(jar.getFileName().toString()))
                        .map(l -> l.substring(l.indexOf("] ") + 2, l.indexOf(" source: ")))
                        .filter(ColdStartCommand::belongsToTheFunction)
                        .toList();
            }
            if (!missing.isEmpty()) {
                throw new CliException(ExitCode.MEASUREMENT_FAILED, jar + " lacks " + missing.size()
                        + " class(es) the function loads, e.g. " + missing.getFirst());
            }
            Files.deleteIfExists(classLog);
            Map<String, Long> values = new HashMap<>();
            for (String pair : output.figures().split(" ")) {
                String[] kv = pair.split("=");
                values.put(kv[0], Long.parseLong(kv[1]));
            }
            if (values.get("failures") != 0) {
                throw new CliException(ExitCode.MEASUREMENT_FAILED, "the probe's invocation reported batch item failures");
            }
            return new long[] {output.atMs(), values.get("construct"), values.get("invoke"), classes};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Classes that must come from the deployment jar (not the runtime's serializer or the probe). */
    private static boolean belongsToTheFunction(String className) {
        return className.startsWith("com.cruddur.messaging.stream.")
                || className.startsWith("com.cruddur.messaging.schema.")
                || className.startsWith("software.amazon.awssdk.")
                || className.startsWith("org.crac.")
                || className.startsWith("com.amazonaws.services.lambda.runtime.events.");
    }

    private static long median(List<long[]> samples, int index) {
        long[] values = samples.stream().mapToLong(s -> s[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
