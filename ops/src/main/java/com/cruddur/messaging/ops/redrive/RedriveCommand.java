package com.cruddur.messaging.ops.redrive;

import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerCommand;
import com.cruddur.messaging.ops.Invoker;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.failures.FailureBucket;
import com.cruddur.messaging.ops.failures.FailureBucketOptions;
import com.cruddur.messaging.ops.failures.FailureObject;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.ConversationCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code redrive}: the batches the event source mapping gave up on, applied from its failure
 * bucket. Each failure object holds the batch itself ({@link FailureObject}), so no stream is read
 * and it works as long as the object is kept, not only the stream's 24 hours. An object is removed
 * only once all its records are applied; repeating it is harmless, since the handler's writes are
 * idempotent and a removed object is not read again.
 */
@Command(customSynopsis = {"redrive (--aws | --endpoint URL) [--bucket NAME] [--s3-endpoint URL] [FILE | -]",
            "               [--table NAME] [--dry-run] [--max N] [--since WHEN] [--max-retries N]",
            "               [--write-mode MODE] [--verbose]"},
        description = {
            """
                    When the event source mapping gives up on a batch (retries used up, or records older than an
                    hour), Lambda writes an object to the failure bucket: where the records were, and the records
                    themselves (the payload). For each object, oldest first, redrive passes the payload's records
                    through the deployed event filter (AWS's event-ruler), reads each message again from the table
                    (a consistent GetItem: a message deleted since is skipped, an edited one is applied as it is
                    now, so an old payload never brings back deleted or earlier text), and invokes the deployed
                    handler class with them in batches of up to 100, as the mapping would (batch item failures are
                    retried from the failed record, --max-retries times, default 2; the handler itself tries each
                    conversation\s""" + DeploymentContract.Defaults.MAX_ATTEMPTS + """
                     times). It reads no stream. It removes the object only when no batch item
                    failure remains; otherwise it leaves it, with a one-line reason.

                    --aws: the real table, and the failure bucket of the stack CruddurMessaging, found by the tags
                    CloudFormation puts on it (or give --bucket: the stack output StreamFailureBucketName).
                    --endpoint URL: a DynamoDB Local, and the bucket --bucket at the S3-compatible server
                    --s3-endpoint (watch prints both). FILE (or - for standard input) instead of a bucket: one
                    failure object saved as Lambda wrote it (aws s3 cp s3://BUCKET/KEY saved.json); nothing is
                    removed then.

                    --dry-run reads and shows what it would apply (the conversations and their rows behind, by
                    the handler's own planner), and changes nothing. --max N handles at most N objects, --since
                    WHEN only those stored since WHEN (an instant, a date, or a time ago: 7d, 36h, 90m)."""},
        footer = {"examples:",
            "  ./dev redrive --aws --dry-run",
            "  ./dev redrive --aws --since 7d",
            "  ./dev redrive --endpoint http://localhost:8000 --s3-endpoint http://127.0.0.1:9000 --bucket cruddur-messages-failures",
            "  aws s3 cp s3://BUCKET/KEY - | ./dev redrive --aws -"})
public final class RedriveCommand extends HandlerCommand {

    /** Retries of a batch with failures (fewer than the mapping's own: the handler already tried each conversation). */
    private static final int DEFAULT_MAX_RETRIES = 2;

    @Mixin
    private FailureBucketOptions failureBucket;

    @Option(names = "--dry-run", description = "read and show what it would apply; change nothing")
    private boolean dryRun;

    @Option(names = "--max", paramLabel = "N", description = "handle at most N objects, the oldest first (default: all)")
    private Integer max;

    @Option(names = "--since", paramLabel = "WHEN", converter = Since.Text.class,
            description = "only objects stored since WHEN: an instant, a date (UTC), or a time ago (7d, 36h, 90m)")
    private Since since;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_RETRIES,
            description = "retries of a batch with failures, 0-100 (default ${DEFAULT-VALUE})")
    private int maxRetries;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "a failure object saved as Lambda wrote it (- for standard input) instead of the bucket")
    private String file;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        if (spec.kind() == Target.Kind.EMBEDDED) {
            throw usageError("redrive needs --aws, or --endpoint URL of the DynamoDB Local that holds the table");
        }
        if (file != null && failureBucket.given()) {
            throw usageError("give --bucket (and --s3-endpoint) or FILE, not both");
        }
        if (file != null && (since != null || max != null)) {
            throw usageError("--since and --max choose among the bucket's objects; FILE is one object");
        }
        failureBucket.check(spec.kind());
        if (spec.kind() == Target.Kind.ENDPOINT && file == null && !failureBucket.local()) {
            throw usageError("with --endpoint, give --s3-endpoint URL and --bucket NAME (watch prints them), or FILE");
        }
        int limit = max == null ? Integer.MAX_VALUE : within("--max", max, 1, Integer.MAX_VALUE);
        within("--max-retries", maxRetries, 0, 100);
        // Input files are checked before anything starts.
        FailureObject fromFile = file == null ? null : FailureObjectReader.fromFile(file);
        RedriveReport report = new RedriveReport(io);

        try (Target target = io.targets().open(spec)) {
            DynamoDbClient client = target.client();
            target.requireTable(client);
            Invoker invoker = dryRun ? null : invoker(target, io);
            ObjectRedrive objects = new ObjectRedrive(target.table(), client, invoker,
                    new ConversationCheck(client, config(target)), maxRetries, report);
            List<String> header = new ArrayList<>(List.of(target.description(), "table " + target.table()));
            if (fromFile != null) {
                header.add("failure object from " + FailureObjectReader.source(file));
                if (dryRun) {
                    header.add("dry run: nothing is written");
                }
                report.header(header);
                report.object(FailureObjectReader.source(file), fromFile);
                report.fileResult(switch (objects.redrive(fromFile)) {
                    case APPLIED -> RedriveReport.Result.APPLIED_FROM_FILE;
                    case WOULD_APPLY -> RedriveReport.Result.WOULD_APPLY;
                    case FAILURES_REMAIN -> RedriveReport.Result.FAILURES_REMAIN;
                    case UNUSABLE -> RedriveReport.Result.UNUSABLE;
                });
                return report.summary(null, dryRun, "");
            }
            String name = failureBucket.bucket().orElseGet(() -> FailureObjectReader.stackBucket(target));
            FailureObjectReader reader = new FailureObjectReader(new FailureBucket(target.s3(failureBucket.s3Endpoint()),
                    name));
            Optional<Instant> from = Optional.ofNullable(since).map(s -> s.from(Instant.now()));
            List<FailureBucket.Entry> entries = reader.list(from);
            header.add("bucket " + name + failureBucket.at() + " ("
                    + Plural.of(entries.size(), "failure object") + from.map(t -> " stored since " + t).orElse("") + ")");
            if (dryRun) {
                header.add("dry run: nothing is written or removed");
            }
            report.header(header);
            int number = 0;
            for (FailureBucket.Entry entry : entries.subList(0, Math.min(limit, entries.size()))) {
                report.bucketResult(redrive(reader.read(entry), ++number, reader, objects, report));
            }
            return report.summary(name, dryRun, since == null ? "" : " stored since " + since);
        }
    }

    /** One object of the bucket: apply it, remove it if all went in. */
    private static RedriveReport.Result redrive(FailureObjectReader.Read read, int number, FailureObjectReader reader,
                                                ObjectRedrive objects, RedriveReport report) {
        String label = "object " + number + " " + read.entry().key() + " (stored " + read.entry().lastModified() + ")";
        if (read.gone()) {
            report.gone(label);
            return RedriveReport.Result.GONE;
        }
        if (read.object() == null) {
            report.unusable(label, read.unusable());
            return RedriveReport.Result.UNUSABLE;
        }
        report.object(label, read.object());
        return switch (objects.redrive(read.object())) {
            case APPLIED -> {
                reader.remove(read.entry());
                yield RedriveReport.Result.REMOVED;
            }
            case WOULD_APPLY -> RedriveReport.Result.WOULD_APPLY;
            case FAILURES_REMAIN -> RedriveReport.Result.FAILURES_REMAIN;
            case UNUSABLE -> RedriveReport.Result.UNUSABLE;
        };
    }
}
