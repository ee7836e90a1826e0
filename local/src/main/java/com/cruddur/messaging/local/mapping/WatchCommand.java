package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.devkit.LocalS3;
import com.cruddur.messaging.local.EmbeddedTargets;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerCommand;
import com.cruddur.messaging.ops.Invoker;
import com.cruddur.messaging.ops.S3Errors;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.ops.Usage;
import com.cruddur.messaging.ops.delivery.DeliverySettings;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.ops.delivery.MappingDelivery;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code watch}: the local event source mapping. Polls the table's stream on DynamoDB Local and
 * invokes the handler with batches, through the deployed filter, so that {@code send} in another
 * terminal reorders {@code conversations} as it would in AWS.
 */
@Command(customSynopsis = {"watch [--endpoint URL] [--table NAME] [--batch-size N]",
            "             [--from trim-horizon|latest] [--max-retries N] [--max-record-age SECONDS]",
            "             [--failure-bucket NAME] [--s3-endpoint URL] [--fail-conversation UUID]...",
            "             [--max-batches N] [--idle-exit SECONDS] [--write-mode MODE] [--verbose]"},
        description = {
            """
                    Polls every shard of the table's stream (a child shard after its parent) and invokes the handler
                    with batches of up to --batch-size records (default 100, as the deployed mapping), after the
                    deployed event filter, run by AWS's event-ruler (only INSERT and MODIFY of MSG# items reach the
                    handler). One line per batch.

                    Failures are handled as the deployed mapping handles them: on batch item failures it retries
                    from the lowest failed sequence number, at most --max-retries times (default 5); when an
                    invocation fails as a whole it halves the batch (bisect on function error); records older than
                    --max-record-age (default 3600 s) are not delivered. What it gives up on it writes to its
                    failure destination as Lambda writes to an S3 destination, and moves on: one object per batch,
                    key aws/lambda/<mapping UUID>/<shard>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<UUID>, holding where the
                    records were and the records themselves (payload). The bucket (--failure-bucket, default
                    <table>-failures) is in an S3-compatible server started in this process (s3proxy; discarded
                    on exit), or in the one at --s3-endpoint (created there if missing). watch prints the redrive
                    command that applies the objects from another terminal. To see the failure path,
                    --fail-conversation UUID makes the handler's DynamoDB requests for that conversation fail
                    (AccessDeniedException, injected at the SDK client's interceptor seam).

                    Embedded (the default) it starts DynamoDB Local with the sample conversation and prints its
                    endpoint: send to it from another terminal with send --endpoint. With --endpoint it watches
                    that DynamoDB Local (creating the table if it is missing). Refused with --aws: in AWS the
                    deployed mapping already delivers the stream to the deployed function. Ctrl-C stops it after
                    the batch in hand."""},
        footer = {"examples:",
            "  ./dev watch --endpoint http://localhost:8000",
            "  (another terminal) ./dev send --endpoint http://localhost:8000 \\",
            "      --group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399 --user 2f6a8f0e-5b1c-4c3e-8d7a-1b2c3d4e5f60 --text hi",
            "  ./dev watch --fail-conversation 5ae290ed-55d1-47a0-bc6d-fe2bc2700399    # the failure path, then redrive"})
public final class WatchCommand extends HandlerCommand {

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + DeploymentContract.BATCH_SIZE,
            description = "records per invocation, 1-1000 (default ${DEFAULT-VALUE}, as deployed)")
    private int batchSize;

    @Option(names = "--from", paramLabel = "POSITION", defaultValue = DeploymentContract.STARTING_POSITION_NEW_TABLE,
            completionCandidates = Positions.class,
            description = "trim-horizon (default, as deployed for a table the stack creates: the oldest record still in"
                    + " the stream) or latest (only records written from now on, as deployed on an existing table)")
    private String from;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "" + DeploymentContract.MAX_RETRY_ATTEMPTS,
            description = "retries of a batch with failures, 0-100 (default ${DEFAULT-VALUE}, as deployed)")
    private int maxRetries;

    @Option(names = "--max-record-age", paramLabel = "SECONDS",
            defaultValue = "" + DeploymentContract.MAX_RECORD_AGE_SECONDS,
            description = "records older than this go to the failure destination instead of the handler, 60-604800,"
                    + " or -1 for no limit (default ${DEFAULT-VALUE}, as deployed)")
    private int maxRecordAge;

    @Option(names = "--failure-bucket", paramLabel = "NAME", converter = Usage.BucketName.class,
            description = "the on-failure destination's bucket (default: <table>-failures)")
    private String failureBucket;

    @Option(names = "--s3-endpoint", paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "an S3-compatible server that is already running, for the failure bucket (default: an"
                    + " s3proxy started in this process, discarded on exit)")
    private URI s3Endpoint;

    @Option(names = "--fail-conversation", paramLabel = "UUID", converter = Usage.UuidText.class,
            description = "make the handler's DynamoDB requests for this conversation fail, to see the failure path"
                    + " (repeatable)")
    private List<String> failConversations = new ArrayList<>();

    @Option(names = "--max-batches", paramLabel = "N", description = "stop after N batches (for scripts and tests)")
    private Integer maxBatches;

    @Option(names = "--idle-exit", paramLabel = "SECONDS", description = "stop after SECONDS without a stream record")
    private Integer idleExit;

    /** The values of {@code --from}, for shell completion. */
    static final class Positions implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("trim-horizon", "latest").iterator();
        }
    }

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        // GetRecords returns at most 1000 records per call.
        within("--batch-size", batchSize, 1, 1000);
        within("--max-retries", maxRetries, 0, 100);
        if (maxRecordAge != -1) {
            // Lambda's bounds of MaximumRecordAgeInSeconds.
            within("--max-record-age", maxRecordAge, 60, 604_800);
        }
        int batches = maxBatches == null ? Integer.MAX_VALUE : within("--max-batches", maxBatches, 1, Integer.MAX_VALUE);
        int idleSeconds = idleExit == null ? 0 : within("--idle-exit", idleExit, 1, 86_400);
        // The stack's StartingPosition values are the Streams API's iterator types: TRIM_HORIZON, LATEST.
        ShardIteratorType position = switch (from.toUpperCase(Locale.ROOT).replace('-', '_')) {
            case DeploymentContract.STARTING_POSITION_NEW_TABLE -> ShardIteratorType.TRIM_HORIZON;
            case DeploymentContract.STARTING_POSITION_EXISTING_TABLE -> ShardIteratorType.LATEST;
            default -> throw usageError("option --from takes trim-horizon or latest, got '" + from + "'");
        };
        DeliverySettings settings = DeliverySettings.DEPLOYED.withMaxRetries(maxRetries)
                .withMaxRecordAge(maxRecordAge == -1 ? null : Duration.ofSeconds(maxRecordAge));
        PrintStream out = io.out();
        Style style = io.style();

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                // Let the batch in hand finish and the summary print.
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String bucket = failureBucket != null ? failureBucket : Usage.BucketName.forTable(spec.table());
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, out, io);
             LocalS3 embeddedS3 = s3Endpoint == null ? LocalS3.start() : null) {
            Target target = opened.target();
            boolean created = !target.embedded() && EmbeddedTargets.ensureTable(target, opened.client());
            String streamArn = opened.client().describeTable(b -> b.tableName(target.table())).table().latestStreamArn();
            if (streamArn == null) {
                throw new CliException(ExitCode.STREAM_ERROR, "table " + target.table() + " has no stream");
            }
            if (created) {
                out.println("created table " + target.table());
            }
            URI s3At = embeddedS3 != null ? embeddedS3.endpoint() : s3Endpoint;
            S3Client s3 = target.s3(s3At);
            boolean createdBucket = S3Errors.call("bucket " + bucket + " at " + s3At, () -> BucketDestination.ensureBucket(s3, bucket));
            BucketDestination destination = new BucketDestination(s3, bucket, UUID.randomUUID().toString());
            out.println("failure destination: bucket " + bucket + " at " + s3At
                    + (embeddedS3 != null ? " (s3proxy, embedded; discarded on exit)" : createdBucket ? " (created)" : "")
                    + " " + style.dot() + " objects under " + FailureObjects.KEY_PREFIX + destination.mappingUuid() + "/");
            if (target.embedded()) {
                out.println("send to this DynamoDB Local from another terminal, e.g.:");
                out.println("  ./dev send --endpoint " + target.endpoint()
                        + " --group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399 --user 2f6a8f0e-5b1c-4c3e-8d7a-1b2c3d4e5f60"
                        + " --text \"hello\"");
            }
            out.println("redrive what it gives up on, from another terminal: ./dev redrive --endpoint " + target.endpoint()
                    + (target.table().equals(MessagesTable.DEFAULT_TABLE_NAME) ? "" : " --table " + target.table())
                    + " --s3-endpoint " + s3At + " --bucket " + bucket);
            StreamPoller poller = new StreamPoller(opened.target().streams(), streamArn, position);
            Invoker invoker = failConversations.isEmpty()
                    ? invoker(target, io)
                    : invoker(target, io,
                            new ConversationFault(failConversations));
            MappingDelivery mapping = new MappingDelivery(invoker::invoke, EventFilter.DEPLOYED, streamArn,
                    settings, destination);
            out.println("watching the stream of " + target.table() + style.join(List.of("",
                    "batch size " + batchSize, "from " + position, "filter " + EventFilter.DEPLOYED.pattern(),
                    "retries " + maxRetries, "max record age " + (maxRecordAge == -1 ? "none" : maxRecordAge + " s"),
                    "bisect on function error"))
                    + (failConversations.isEmpty() ? "" : " " + style.dot() + " failing conversation"
                            + (failConversations.size() > 1 ? "s " : " ") + String.join(", ", failConversations))
                    + " (Ctrl-C stops)");
            out.flush();
            return new WatchLoop(poller, mapping, streamArn, io).run(batchSize, batches, idleSeconds, stop);
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down (Ctrl-C): the hook is running and has just been released.
            }
        }
    }
}
