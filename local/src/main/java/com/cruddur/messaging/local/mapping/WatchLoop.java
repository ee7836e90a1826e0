package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.local.LocalCommands;
import com.cruddur.messaging.ops.CliCommand.Io;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerReport;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.delivery.MappingDelivery;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.stream.InvocationReport;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code watch}'s loop: polls the stream, hands each shard's records to the mapping, and says what
 * each batch came to, one line per invocation, until it is stopped (Ctrl-C, a number of batches, or
 * an idle time); then a summary and the exit status (1 when records were given up on).
 */
final class WatchLoop {

    /** Lambda polls each shard about four times a second. */
    private static final long POLL_INTERVAL_MILLIS = 250;

    private final StreamPoller poller;
    private final MappingDelivery mapping;
    private final String streamArn;
    private final PrintStream out;
    private final PrintStream err;
    private final Style style;

    WatchLoop(StreamPoller poller, MappingDelivery mapping, String streamArn, Io io) {
        this.poller = poller;
        this.mapping = mapping;
        this.streamArn = streamArn;
        this.out = io.out();
        this.err = io.err();
        this.style = io.style();
    }

    /**
     * @param maxBatches      stop after this many batches
     * @param idleExitSeconds stop after this long without a record (0: never)
     * @param stop            set when the process is told to stop
     */
    ExitCode run(int batchSize, int maxBatches, int idleExitSeconds, AtomicBoolean stop) {
        int[] invocations = {0};
        int batches = 0;
        long delivered = 0;
        long filteredOut = 0;
        long gaveUpOn = 0;
        long lastRecordAt = System.nanoTime();
        String reason = "stopped";
        while (true) {
            if (stop.get() || Thread.currentThread().isInterrupted()) {
                reason = "stopped (Ctrl-C)";
                break;
            }
            if (batches >= maxBatches) {
                reason = "stopped after " + Plural.of(batches, "batch", "batches");
                break;
            }
            if (idleExitSeconds > 0 && System.nanoTime() - lastRecordAt > TimeUnit.SECONDS.toNanos(idleExitSeconds)) {
                reason = "stopped: no stream record for " + idleExitSeconds + " s";
                break;
            }
            List<StreamPoller.Batch> polled = poller.poll(batchSize);
            if (polled.isEmpty()) {
                sleep(POLL_INTERVAL_MILLIS);
                continue;
            }
            lastRecordAt = System.nanoTime();
            for (StreamPoller.Batch batch : polled) {
                int number = batches + 1;
                String shard = "shard " + style.ellipsis() + tail(batch.shardId());
                MappingDelivery.Result delivery = mapping.deliver(batch.shardId(),
                        StreamEvents.recordNodes(batch.records(), streamArn),
                        new MappingDelivery.Listener() {
                            @Override
                            public void invoked(int retry, int records, InvocationReport report) {
                                invocations[0]++;
                                HandlerReport.print(out, prefix(number, retry, shard, records, style), report, style,
                                        " " + style.dot() + " " + String.format("%.1f ms", report.duration().toNanos() / 1e6));
                                out.flush();
                            }

                            @Override
                            public void functionError(int retry, int records, RuntimeException error) {
                                invocations[0]++;
                                out.println(prefix(number, retry, shard, records, style) + "function error: "
                                        + error.getClass().getSimpleName() + ": " + Style.firstLine(error.getMessage()));
                                out.flush();
                            }

                            @Override
                            public void gaveUp(FailureObject failure, String key, RuntimeException notSent) {
                                // Never the object itself: it holds message text.
                                err.println(LocalCommands.PROGRAM + " watch: gave up on "
                                        + Plural.of(failure.batchSize(), "record") + " (sequence numbers "
                                        + failure.startSequenceNumber() + " to " + failure.endSequenceNumber() + ", "
                                        + failure.condition() + " after " + Plural.of(failure.invokeCount(), "invocation")
                                        + "): " + (notSent == null ? "written to the failure bucket as " + key
                                                : "NOT written to the failure bucket (" + Style.firstLine(notSent.getMessage())
                                                        + "); the records are still in the stream, shard "
                                                        + failure.shardId()));
                                err.flush();
                            }
                        });
                filteredOut += delivery.filteredOut();
                if (!delivery.invoked()) {
                    out.println("  (" + shard + ": " + Plural.of(delivery.received(), "record")
                            + " filtered out: not an INSERT or MODIFY of a MSG# item)");
                    continue;
                }
                batches++;
                delivered += delivery.received() - delivery.filteredOut();
                gaveUpOn += delivery.recordsGivenUp();
                if (batches >= maxBatches) {
                    break;
                }
            }
        }
        out.println("watch " + reason + ": " + Plural.of(batches, "batch", "batches") + ", "
                + Plural.of(invocations[0], "invocation") + ", " + Plural.of(delivered, "record") + " delivered, "
                + filteredOut + " filtered out, " + gaveUpOn + " given up on");
        return gaveUpOn == 0 ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    private static String prefix(int batch, int retry, String shard, int records, Style style) {
        return "[batch " + batch + (retry > 0 ? ", retry " + retry : "") + "] " + shard + " " + style.dot() + " "
                + Plural.of(records, "record") + " " + style.dot() + " ";
    }

    private static String tail(String shardId) {
        // Shard ids share a long prefix; their end tells them apart.
        return shardId.length() > 8 ? shardId.substring(shardId.length() - 8) : shardId;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
