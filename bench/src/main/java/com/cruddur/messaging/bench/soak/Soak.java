package com.cruddur.messaging.bench.soak;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.mapping.BucketDestination;
import com.cruddur.messaging.local.mapping.StreamEvents;
import com.cruddur.messaging.local.mapping.StreamPoller;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Invoker;
import com.cruddur.messaging.ops.OpsCommands;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.delivery.DeliverySettings;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.ops.delivery.MappingDelivery;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.ops.reconcile.TableCheck;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A soak of the whole local pipeline on one table: the app ({@link SoakApp}) writes at a steady
 * rate while the local mapping (the stream poller and the deployed delivery semantics, with an S3
 * failure destination on s3proxy, as {@code watch}) invokes the handler ({@link Invoker}, as the CLI
 * does) in the same JVM; every 10 s a progress line; then the stream is drained, what the mapping
 * gave up on is redriven ({@code redrive}, the ops tool's command), and every conversation of the
 * run is checked with reconcile's diff ({@link TableCheck#findings}).
 */
public final class Soak {

    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** The app's threads: a DynamoDB Local request takes milliseconds, one thread would cap the rate. */
    private static final int WRITERS = 4;
    /** Lambda polls each shard about four times a second. */
    private static final long POLL_MILLIS = 250;

    private final Target target;
    private final SoakSettings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final SoakLedger ledger = new SoakLedger();
    private final HeapWatch heap = new HeapWatch();
    private final AtomicLong recordsGivenUp = new AtomicLong();
    private final AtomicBoolean stopDelivery = new AtomicBoolean();

    public Soak(Target target, SoakSettings settings, PrintStream out, PrintStream err) {
        this.target = target;
        this.settings = settings;
        this.out = out;
        this.err = err;
    }

    /** Runs the soak; its figures (exit status: {@link #exitCode}). */
    public SoakFigures run() throws InterruptedException {
        DynamoDbClient client = target.client();
        String table = target.table();
        if (TableDefinitions.createTableIfMissing(client, table)) {
            out.println("created table " + table + " (left in place at the end)");
        }
        String streamArn = client.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            throw new CliException(ExitCode.STREAM_ERROR, "table " + table + " has no stream");
        }
        SoakFaults faults = new SoakFaults(settings.faultRate(), settings.seed());
        List<ExecutionInterceptor> seams = new ArrayList<>(settings.handlerSeams());
        if (settings.faultRate() > 0) {
            seams.add(faults);
        }
        Invoker invoker = new Invoker(target, Config.forTable(table), false, err, seams.toArray(ExecutionInterceptor[]::new));
        SoakApp app = new SoakApp(target.client(), table, ledger, settings.conversations(), settings.seed());
        try (LocalS3 s3proxy = LocalS3.start()) {
            S3Client s3 = target.s3(s3proxy.endpoint());
            String bucket = table + "-failures";
            s3.createBucket(b -> b.bucket(bucket));
            app.startConversations();
            // Only this run's records: the stream read from its end, found before the first write.
            StreamPoller poller = new StreamPoller(target.streams(), streamArn, ShardIteratorType.LATEST);
            poller.poll(1);
            MappingDelivery mapping = new MappingDelivery(event -> invoke(invoker, event), EventFilter.DEPLOYED, streamArn,
                    DeliverySettings.DEPLOYED, new BucketDestination(s3, bucket, UUID.randomUUID().toString()));
            out.println("soak: " + settings.rate() + " writes/s for " + settings.duration().toSeconds() + " s to "
                    + settings.conversations() + " conversations on " + target.description() + " · faults "
                    + settings.faultRate() + " · failure bucket " + bucket + " at " + s3proxy.endpoint());
            out.flush();
            Thread delivery = Thread.ofPlatform().name("soak-mapping").start(() -> deliver(poller, mapping, streamArn));
            long start = System.nanoTime();
            long writeEnd = start + settings.duration().toNanos();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(Thread.ofPlatform().name("soak-app-" + w).start(() -> app.run(writer, WRITERS,
                        settings.rate() / Math.min(WRITERS, settings.conversations()), () -> System.nanoTime() < writeEnd)));
            }
            Progress progress = new Progress(start, app, faults);
            progress.until(writeEnd, () -> false);
            for (Thread writer : writers) {
                writer.join();
            }
            long drainEnd = System.nanoTime() + settings.drainLimit().toNanos();
            progress.until(drainEnd, () -> ledger.outstanding() == 0);
            stopDelivery.set(true);
            delivery.join();
            int redriven = recordsGivenUp.get() == 0 ? 0 : redrive(s3, bucket, s3proxy);
            Map<String, String> wrong = wrong(client, table, app);
            long[] latencies = ledger.latenciesFrom(0);
            return new SoakFigures(settings.duration().toNanos() / 1e9, app.messages.get(), app.edits.get(),
                    app.deletions.get(), app.failedWrites.get(), app.missed.get(), ledger.appliedCount(),
                    SoakFigures.percentileMillis(latencies, 0.50), SoakFigures.percentileMillis(latencies, 0.99),
                    ledger.ages().stream().mapToLong(SoakLedger.AgeSample::ageNanos).max().orElse(0) / 1e9,
                    SoakFigures.slope(ledger.ages(), start, writeEnd), heap.highMb(), heap.afterGcHighMb(),
                    faults.injected(), recordsGivenUp.get(), redriven, ledger.outstanding(), app.groups().size(), wrong);
        }
    }

    /** The exit status of a soak: conversations wrong have their own. */
    public static ExitCode exitCode(SoakFigures figures) {
        return figures.wrong().isEmpty() ? ExitCode.OK : ExitCode.CONVERSATIONS_WRONG;
    }

    private InvocationReport invoke(Invoker invoker, DynamodbEvent event) {
        ledger.delivering(event, System.nanoTime());
        InvocationReport report = invoker.invoke(event);
        ledger.applied(event, report, System.nanoTime());
        return report;
    }

    /** The mapping's thread: polls every shard and delivers, as {@code watch}, until told to stop. */
    private void deliver(StreamPoller poller, MappingDelivery mapping, String streamArn) {
        MappingDelivery.Listener listener = new MappingDelivery.Listener() {
            @Override
            public void invoked(int retry, int records, InvocationReport report) {
            }

            @Override
            public void gaveUp(FailureObject failure, String sentTo, RuntimeException notSent) {
                recordsGivenUp.addAndGet(failure.batchSize());
                ledger.gaveUp(failure.records().stream().map(SoakLedger::key).toList());
                if (notSent != null) {
                    err.println("soak: a failure object was not written: " + Style.firstLine(notSent.getMessage()));
                }
            }
        };
        while (!stopDelivery.get()) {
            try {
                List<StreamPoller.Batch> polled = poller.poll(DeploymentContract.BATCH_SIZE);
                for (StreamPoller.Batch batch : polled) {
                    mapping.deliver(batch.shardId(), StreamEvents.recordNodes(batch.records(), streamArn), listener);
                }
                if (polled.isEmpty()) {
                    Thread.sleep(POLL_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The stream's reader failed (DynamoDB Local busy): say so, and poll again, as Lambda does.
                err.println("soak: polling the stream failed: " + Style.firstLine(e.getMessage()));
            }
        }
    }

    /** Applies the failure objects with the ops tool's redrive; how many it applied. */
    private int redrive(S3Client s3, String bucket, LocalS3 s3proxy) {
        int before = s3.listObjectsV2(b -> b.bucket(bucket)).keyCount();
        List<String> args = new ArrayList<>(List.of("redrive", "--endpoint", target.endpoint().toString(),
                "--s3-endpoint", s3proxy.endpoint().toString(), "--bucket", bucket, "--table", target.table()));
        out.println("soak: redriving " + recordsGivenUp.get() + " records given up on (" + before + " object(s)): "
                + String.join(" ", args));
        OpsCommands.run(args.toArray(String[]::new), out, err);
        return before - s3.listObjectsV2(b -> b.bucket(bucket)).keyCount();
    }

    /** reconcile's diff of the table, kept to this run's conversations (an orphan without a message is not wrong). */
    private static Map<String, String> wrong(DynamoDbClient client, String table, SoakApp app) throws InterruptedException {
        Set<String> ours = Set.copyOf(app.groups());
        Map<String, String> wrong = new LinkedHashMap<>();
        TableCheck.findings(client, table, 4).forEach((group, problems) -> {
            if (ours.contains(group) && !(problems.equals("orphan") && !app.hasMessages(group))) {
                wrong.put(group, problems);
            }
        });
        return wrong;
    }

    /** The progress lines, every 10 s, and the heap sampled every second. */
    private final class Progress {
        private final long start;
        private final SoakApp app;
        private final SoakFaults faults;
        private long nextLine;
        private int latencyFrom;
        private int agesFrom;
        private long writesBefore;

        Progress(long start, SoakApp app, SoakFaults faults) {
            this.start = start;
            this.app = app;
            this.faults = faults;
            this.nextLine = start + REPORT_NANOS;
        }

        void until(long end, BooleanSupplier done) throws InterruptedException {
            while (System.nanoTime() < end && !done.getAsBoolean()) {
                Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
                heap.sample();
                if (System.nanoTime() >= nextLine) {
                    line();
                    nextLine += REPORT_NANOS;
                }
            }
        }

        private void line() {
            long writes = app.messages.get() + app.edits.get() + app.deletions.get();
            long[] window = ledger.latenciesFrom(latencyFrom);
            latencyFrom += window.length;
            List<SoakLedger.AgeSample> ages = ledger.ages();
            double age = ages.subList(Math.min(agesFrom, ages.size()), ages.size()).stream()
                    .mapToLong(SoakLedger.AgeSample::ageNanos).max().orElse(0) / 1e9;
            agesFrom = ages.size();
            out.println(String.format(Locale.ROOT,
                    "[%4d s] writes %d (%.1f/s) · applied %d · latency p50 %.0f ms p99 %.0f ms · iterator age max %.1f s"
                            + " · heap %.0f MB used, %.0f MB after GC · faults %d · given up %d · waiting for %d",
                    (System.nanoTime() - start) / 1_000_000_000L, writes, (writes - writesBefore) / 10.0,
                    ledger.appliedCount(), SoakFigures.percentileMillis(window, 0.5), SoakFigures.percentileMillis(window, 0.99),
                    age, heap.usedMb(), heap.afterGcMb(), faults.injected(), recordsGivenUp.get(), ledger.outstanding()));
            out.flush();
            writesBefore = writes;
        }
    }
}
