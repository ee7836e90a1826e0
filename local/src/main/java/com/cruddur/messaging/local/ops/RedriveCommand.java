package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.local.CliCommand;
import com.cruddur.messaging.local.CliException;
import com.cruddur.messaging.local.ExitCode;
import com.cruddur.messaging.local.HandlerOptions;
import com.cruddur.messaging.local.InputException;
import com.cruddur.messaging.local.Invoker;
import com.cruddur.messaging.local.Plural;
import com.cruddur.messaging.local.S3Errors;
import com.cruddur.messaging.local.Style;
import com.cruddur.messaging.local.Target;
import com.cruddur.messaging.local.TargetOptions;
import com.cruddur.messaging.local.Usage;
import com.cruddur.messaging.local.mapping.FailureObject;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.schema.FailureObjects;
import com.cruddur.messaging.stream.ConversationCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code redrive}: the batches the event source mapping gave up on, applied from its failure
 * bucket. Each failure object holds the batch itself ({@link FailureObject}), so no stream is read
 * and it works as long as the object is kept, not only the stream's 24 hours. An object is removed
 * only once all its records are applied; repeating it is harmless, since the handler's writes are
 * idempotent and a removed object is not read again.
 */
@Command(name = RedriveCommand.NAME,
        customSynopsis = {"redrive (--aws | --endpoint URL) [--bucket NAME] [--s3-endpoint URL] [FILE | -]",
            "               [--table NAME] [--dry-run] [--max N] [--since WHEN] [--max-retries N]",
            "               [--write-mode MODE] [--verbose]"},
        description = {RedriveCommand.SUMMARY, "",
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
public final class RedriveCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "redrive";
    public static final String SUMMARY = "apply the batches the event source mapping gave up on, from its failure bucket";

    /** Retries of a batch with failures (fewer than the mapping's own: the handler already tried each conversation). */
    private static final int DEFAULT_MAX_RETRIES = 2;

    @Option(names = "--bucket", paramLabel = "NAME", converter = Usage.BucketName.class,
            description = "the failure bucket (default with --aws: the stack CruddurMessaging's)")
    private String bucket;

    @Option(names = "--s3-endpoint", paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "with --endpoint: the S3-compatible server that holds --bucket (watch prints it)")
    private URI s3Endpoint;

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

    @Option(names = "--verbose", description = "the handler's own JSON log lines, on standard error")
    private boolean verbose;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "a failure object saved as Lambda wrote it (- for standard input) instead of the bucket")
    private String file;

    @Mixin
    private TargetOptions where;

    @Mixin
    private HandlerOptions handler;

    /** What became of an object, for the summary. */
    private enum Result {
        REMOVED, APPLIED_FROM_FILE, WOULD_APPLY, FAILURES_REMAIN, UNUSABLE, GONE
    }

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
        if (spec.kind() == Target.Kind.EMBEDDED) {
            throw usageError("redrive needs --aws, or --endpoint URL of the DynamoDB Local that holds the table");
        }
        if (file != null && (bucket != null || s3Endpoint != null)) {
            throw usageError("give --bucket (and --s3-endpoint) or FILE, not both");
        }
        if (file != null && (since != null || max != null)) {
            throw usageError("--since and --max choose among the bucket's objects; FILE is one object");
        }
        if (spec.kind() == Target.Kind.AWS && s3Endpoint != null) {
            throw usageError("--s3-endpoint is for a local S3-compatible server; with --aws the bucket is in S3");
        }
        if (spec.kind() == Target.Kind.ENDPOINT && file == null && (s3Endpoint == null || bucket == null)) {
            throw usageError("with --endpoint, give --s3-endpoint URL and --bucket NAME (watch prints them), or FILE");
        }
        int limit = max == null ? Integer.MAX_VALUE : within("--max", max, 1, Integer.MAX_VALUE);
        within("--max-retries", maxRetries, 0, 100);
        // Input files are checked before anything starts.
        FailureObject fromFile = file == null ? null : readFile(file);
        PrintStream out = io.out();
        Style style = io.style();

        try (Target target = io.targets().open(spec)) {
            DynamoDbClient client = target.client();
            target.requireTable(client);
            Invoker invoker = dryRun ? null : new Invoker(target, handler.config(target), verbose, io.err());
            ObjectRedrive objects = new ObjectRedrive(target.table(), client, invoker,
                    new ConversationCheck(client, handler.config(target)),
                    maxRetries, io);
            List<String> header = new ArrayList<>(List.of(target.description(), "table " + target.table()));
            if (fromFile != null) {
                header.add("failure object from " + source(file));
                if (dryRun) {
                    header.add("dry run: nothing is written");
                }
                out.println(style.join(header));
                out.println(style.bullet() + " " + source(file) + describe(fromFile, style));
                Result result = switch (objects.redrive(fromFile)) {
                    case APPLIED -> Result.APPLIED_FROM_FILE;
                    case WOULD_APPLY -> Result.WOULD_APPLY;
                    case FAILURES_REMAIN -> Result.FAILURES_REMAIN;
                    case UNUSABLE -> Result.UNUSABLE;
                };
                int[] results = new int[Result.values().length];
                results[result.ordinal()]++;
                return summary(1, results, null, out);
            }
            FailureBucket failures = new FailureBucket(target.s3(s3Endpoint), bucketName(target));
            Optional<Instant> from = Optional.ofNullable(since).map(s -> s.from(Instant.now()));
            String label = "bucket " + failures.name();
            List<FailureBucket.Entry> entries = S3Errors.call(label, () -> failures.list(from));
            header.add(label + (s3Endpoint == null ? "" : " at " + s3Endpoint) + " ("
                    + Plural.of(entries.size(), "failure object") + from.map(t -> " stored since " + t).orElse("") + ")");
            if (dryRun) {
                header.add("dry run: nothing is written or removed");
            }
            out.println(style.join(header));
            int[] results = new int[Result.values().length];
            int handled = 0;
            for (FailureBucket.Entry entry : entries.subList(0, Math.min(limit, entries.size()))) {
                handled++;
                Result result = redrive(handled, entry, failures, objects, io);
                results[result.ordinal()]++;
                out.flush();
            }
            return summary(handled, results, failures.name(), out);
        }
    }

    /** One object of the bucket: read it, apply it, remove it if all went in. */
    private Result redrive(int number, FailureBucket.Entry entry, FailureBucket failures, ObjectRedrive objects, Io io) {
        PrintStream out = io.out();
        String label = "bucket " + failures.name();
        String prefix = io.style().bullet() + " object " + number + " " + entry.key() + " (stored " + entry.lastModified() + ")";
        Optional<byte[]> content = S3Errors.call(label, () -> failures.read(entry.key()));
        if (content.isEmpty()) {
            out.println(prefix + ": already removed (by another redrive?)");
            return Result.GONE;
        }
        FailureObject failure;
        try {
            failure = FailureObject.parse(entry.key(), content.get());
        } catch (FailureObject.Malformed e) {
            out.println(prefix + ": not a usable failure object (" + e.reason() + ")");
            out.println("  left in the bucket");
            return Result.UNUSABLE;
        }
        out.println(prefix + describe(failure, io.style()));
        ObjectRedrive.Outcome outcome = objects.redrive(failure);
        switch (outcome) {
            case APPLIED -> {
                S3Errors.run(label, () -> failures.delete(entry.key()));
                out.println("  removed from the bucket");
                return Result.REMOVED;
            }
            case WOULD_APPLY -> {
                out.println("  dry run: left in the bucket");
                return Result.WOULD_APPLY;
            }
            case FAILURES_REMAIN -> {
                out.println("  left in the bucket");
                return Result.FAILURES_REMAIN;
            }
            default -> {
                out.println("  left in the bucket");
                return Result.UNUSABLE;
            }
        }
    }

    /** ": RetryAttemptsExhausted after 6 invocations · shard ... · sequence numbers A to B (N records)". */
    private static String describe(FailureObject failure, Style style) {
        return ": " + (failure.condition() == null ? "" : failure.condition() + " after "
                + Plural.of(failure.invokeCount(), "invocation") + " " + style.dot() + " ")
                + "shard " + failure.shardId() + " " + style.dot() + " sequence numbers " + failure.startSequenceNumber()
                + " to " + failure.endSequenceNumber() + " (" + Plural.of(failure.batchSize(), "record") + ")";
    }

    private ExitCode summary(int handled, int[] results, String bucketName, PrintStream out) {
        if (handled == 0) {
            out.println("redrive: no failure object in bucket " + bucketName
                    + (since == null ? "" : " stored since " + since) + ": nothing to do");
            return ExitCode.OK;
        }
        int stillFailing = results[Result.FAILURES_REMAIN.ordinal()];
        int unusable = results[Result.UNUSABLE.ordinal()];
        int gone = results[Result.GONE.ordinal()];
        List<String> parts = new ArrayList<>(List.of(Plural.of(handled, "failure object")));
        if (dryRun) {
            parts.add(results[Result.WOULD_APPLY.ordinal()] + " would be redriven");
        } else if (bucketName != null) {
            parts.add(results[Result.REMOVED.ordinal()] + " redriven and removed");
        } else {
            parts.add(results[Result.APPLIED_FROM_FILE.ordinal()] + " redriven (from a file: nothing removed)");
        }
        if (gone > 0) {
            parts.add(gone + " already removed");
        }
        int left = stillFailing + unusable;
        if (left > 0) {
            List<String> why = new ArrayList<>();
            if (stillFailing > 0) {
                why.add(stillFailing + " still failing");
            }
            if (unusable > 0) {
                why.add(unusable + " unusable");
            }
            parts.add(left + (bucketName != null ? " left in the bucket" : " not redriven") + " (" + String.join(", ", why) + ")");
        }
        out.println("redrive: " + String.join(", ", parts));
        return left == 0 ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    private String bucketName(Target target) {
        if (bucket != null) {
            return bucket;
        }
        // --aws without --bucket: the stack's bucket.
        S3Client s3 = target.s3(null);
        String stack = DeploymentContract.Stack.NAME;
        Optional<String> found;
        try {
            found = S3Errors.call("finding the stack " + stack + "'s failure bucket", () -> FailureBucket.findStackBucket(s3, stack));
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.FAILURE_DESTINATION_ERROR, e.getMessage() + "; give --bucket NAME");
        }
        return found.orElseThrow(() -> new CliException(ExitCode.FAILURE_DESTINATION_ERROR, "no failure bucket of"
                + " the stack " + stack + " found in " + s3.serviceClientConfiguration().region() + "; give --bucket NAME, the stack's"
                + " output " + DeploymentContract.Stack.FAILURE_BUCKET_NAME_OUTPUT + ": aws cloudformation describe-stacks"
                + " --stack-name " + stack + " --query \"Stacks[0].Outputs[?OutputKey=='"
                + DeploymentContract.Stack.FAILURE_BUCKET_NAME_OUTPUT + "'].OutputValue\" --output text"));
    }

    private static String source(String name) {
        return name.equals("-") ? "standard input" : name;
    }

    /** @throws InputException (exit 2) naming the file and why it is not a usable failure object */
    private static FailureObject readFile(String name) {
        byte[] content;
        if (name.equals("-")) {
            try {
                content = System.in.readAllBytes();
            } catch (IOException e) {
                throw new InputException("standard input: cannot read (" + e.getMessage() + ")");
            }
        } else {
            content = InputException.read(Path.of(name));
        }
        try {
            return FailureObject.parse(source(name), content);
        } catch (FailureObject.Malformed e) {
            throw new InputException(e.getMessage() + (e.reason().startsWith("no " + FailureObjects.PAYLOAD)
                    ? "" : " (expected a failure object as Lambda writes it to an S3 destination)"));
        }
    }
}
