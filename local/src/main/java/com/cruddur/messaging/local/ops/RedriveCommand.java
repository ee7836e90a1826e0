package com.cruddur.messaging.local.ops;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.local.CliCommand;
import com.cruddur.messaging.local.CliException;
import com.cruddur.messaging.local.ExitCode;
import com.cruddur.messaging.local.InputException;
import com.cruddur.messaging.local.Invoker;
import com.cruddur.messaging.local.LambdaEvents;
import com.cruddur.messaging.local.Style;
import com.cruddur.messaging.local.Target;
import com.cruddur.messaging.local.HandlerOptions;
import com.cruddur.messaging.local.TargetOptions;
import com.cruddur.messaging.local.Usage;
import com.cruddur.messaging.local.Views;
import com.cruddur.messaging.local.mapping.EventFilter;
import com.cruddur.messaging.local.mapping.LocalEventSourceMapping;
import com.cruddur.messaging.local.mapping.StreamEvents;
import com.cruddur.messaging.local.mapping.StreamFailureRecord;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.DecodedRecord;
import com.cruddur.messaging.stream.GroupOutcome;
import com.cruddur.messaging.stream.GroupRowStore;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.NewMessage;
import com.cruddur.messaging.stream.Planner;
import com.cruddur.messaging.stream.RecordDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code redrive}: the records the event source mapping gave up on, applied from its failure
 * queue. For each message: the range it names is read back out of the stream, filtered as the
 * deployed mapping filters, and delivered to the deployed handler class in batches as the mapping
 * delivers them; the message is deleted only once no batch item failure remains. Repeating it is
 * harmless: the handler's writes are idempotent, and a deleted message is not read again.
 */
@Command(name = RedriveCommand.NAME,
        customSynopsis = {"messaging-local redrive (--aws | --endpoint URL) [--queue-url URL | FILE | -] [--table NAME]",
            "                               [--dry-run] [--max N] [--max-retries N] [--write-mode MODE] [--verbose]"},
        description = {RedriveCommand.SUMMARY, "",
            """
                    When the event source mapping gives up on a batch (retries used up, or records older than an
                    hour), it sends the failure destination a message naming the batch's shard and sequence-number
                    range, not the records. For each such message redrive reads exactly that range from the
                    table's stream (GetShardIterator AT_SEQUENCE_NUMBER, GetRecords until past its end), applies
                    the deployed event filter (AWS's event-ruler), and invokes the deployed handler class with the
                    records in batches of up to 100, as the mapping would (batch item failures are retried from the
                    failed record, --max-retries times, default 2; the handler itself tries each conversation 6
                    times). It deletes the message only when no batch item failure remains; otherwise it leaves
                    it, visible again at once, with a one-line reason. Per message it reports the range, the
                    records read, filtered out and applied, and the conversations updated.

                    Stream records live 24 hours. A range that is no longer in the stream is reported as such
                    and left in the queue: run reconcile --apply, which repairs every conversation from the
                    table's messages, then delete the message (or let it expire).

                    --aws: the real table, its stream, and the failure queue of the stack CruddurMessaging,
                    found by the tags CloudFormation puts on it (or give --queue-url: the stack output
                    StreamFailureQueueUrl). --endpoint URL: a DynamoDB Local and the queue at --queue-url (an
                    SQS-compatible server such as the ElasticMQ that watch starts; watch prints the command).
                    FILE (or - for standard input) instead of a queue: failure messages saved by hand, such as
                    the output of aws sqs receive-message; nothing is deleted then.

                    --dry-run reads and shows what it would apply (the conversations and their rows behind, by
                    the handler's own planner), and changes nothing. --max N stops after N messages."""},
        footer = {"examples:",
            "  ./dev redrive --aws --dry-run",
            "  ./dev redrive --aws",
            "  ./dev redrive --endpoint http://localhost:8000 --queue-url http://127.0.0.1:9324/000000000000/cruddur-messages-failures",
            "  aws sqs receive-message --queue-url \"$QUEUE_URL\" --max-number-of-messages 10 | ./dev redrive --aws -"})
public final class RedriveCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "redrive";
    public static final String SUMMARY = "apply the batches the event source mapping gave up on, from its failure queue";

    /** Retries of a batch with failures (the mapping's own: 5; the handler tries each conversation 6 times). */
    private static final int DEFAULT_MAX_RETRIES = 2;
    /** How many conversation ids a line names before it says "and N more". */
    private static final int IDS_SHOWN = 10;

    @Option(names = "--queue-url", paramLabel = "URL", converter = Usage.EndpointUrl.class,
            description = "the failure queue (default with --aws: the stack CruddurMessaging's)")
    private URI queueUrl;

    @Option(names = "--dry-run", description = "read and show what it would apply; change nothing")
    private boolean dryRun;

    @Option(names = "--max", paramLabel = "N", description = "handle at most N messages (default: all)")
    private Integer max;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_RETRIES,
            description = "retries of a batch with failures, 0-100 (default ${DEFAULT-VALUE})")
    private int maxRetries;

    @Option(names = "--verbose", description = "the handler's own JSON log lines, on standard error")
    private boolean verbose;

    @Parameters(arity = "0..1", paramLabel = "FILE",
            description = "failure messages saved by hand (- for standard input) instead of the queue")
    private String file;

    @Mixin
    private TargetOptions where;

    @Mixin
    private HandlerOptions handler;

    /** What became of one message. */
    private enum Outcome {
        DELETED, APPLIED_FROM_FILE, WOULD_APPLY, FAILURES_REMAIN, RECORDS_GONE, UNUSABLE
    }

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
        if (spec.kind() == Target.Kind.EMBEDDED) {
            throw usageError("redrive needs --aws, or --endpoint URL of the DynamoDB Local whose stream holds the records");
        }
        if (file != null && queueUrl != null) {
            throw usageError("give --queue-url or FILE, not both");
        }
        if (spec.kind() == Target.Kind.ENDPOINT && file == null && queueUrl == null) {
            throw usageError("with --endpoint, give --queue-url (watch prints it) or FILE");
        }
        int limit = max == null ? Integer.MAX_VALUE : within("--max", max, 1, Integer.MAX_VALUE);
        within("--max-retries", maxRetries, 0, 100);
        // Input files are checked before anything starts.
        List<FailureQueue.Message> fromFile = file == null ? null : readFile(file);
        PrintStream out = io.out();
        Style style = io.style();

        try (Target target = Target.open(spec)) {
            DynamoDbClient client = target.client();
            target.requireTable(client);
            FailureQueue queue = fromFile == null ? queue(target) : null;
            List<String> header = new ArrayList<>(List.of(target.description(), "table " + target.table()));
            header.add(queue == null ? "failure messages from " + (file.equals("-") ? "standard input" : file)
                    : "queue " + queue.url() + " (" + Views.plural(sqs(() -> queue.approximateVisible()), "message")
                            + " visible)");
            if (dryRun) {
                header.add("dry run: nothing is written or deleted");
            }
            out.println(style.join(header));

            DynamoDbStreamsClient streams = target.streams();
            Invoker invoker = dryRun ? null : new Invoker(target, handler.config(target), verbose, io.err());
            GroupRowStore rows = new GroupRowStore(client, target.table(), handler.config(target).indexName(),
                    handler.writeMode());
            Set<String> seen = new HashSet<>();
            List<FailureQueue.Message> toRelease = new ArrayList<>();
            int[] outcomes = new int[Outcome.values().length];
            int handled = 0;
            try {
                List<FailureQueue.Message> pending = fromFile == null ? List.of() : new ArrayList<>(fromFile);
                while (handled < limit) {
                    List<FailureQueue.Message> batch = queue == null ? pending : sqs(() -> queue.receive(10));
                    pending = List.of();
                    batch = batch.stream().filter(m -> seen.add(m.id())).toList();
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (FailureQueue.Message message : batch) {
                        if (handled >= limit) {
                            if (message.receiptHandle() != null) {
                                toRelease.add(message);
                            }
                            continue;
                        }
                        handled++;
                        Outcome outcome = redrive(handled, message, target, streams, invoker, rows, io);
                        outcomes[outcome.ordinal()]++;
                        if (message.receiptHandle() == null) {
                            continue;
                        }
                        if (outcome == Outcome.DELETED) {
                            sqs(() -> {
                                queue.delete(message);
                                return null;
                            });
                            out.println("  deleted from the queue");
                        } else {
                            toRelease.add(message);
                            out.println("  left in the queue");
                        }
                        out.flush();
                    }
                }
            } finally {
                for (FailureQueue.Message message : toRelease) {
                    sqs(() -> {
                        queue.release(message);
                        return null;
                    });
                }
            }
            return summary(handled, outcomes, queue != null, out);
        }
    }

    /** One message: read its range, deliver it (or show what it would do), say what became of it. */
    private Outcome redrive(int number, FailureQueue.Message message, Target target, DynamoDbStreamsClient streams,
                            Invoker invoker, GroupRowStore rows, Io io) {
        PrintStream out = io.out();
        Style style = io.style();
        StreamFailureRecord failure;
        try {
            failure = StreamFailureRecord.parse(message.body());
        } catch (IllegalArgumentException e) {
            out.println(style.bullet() + " message " + number + " (" + message.id() + "): not a failure record of this"
                    + " stream's mapping (" + e.getMessage() + ")");
            return Outcome.UNUSABLE;
        }
        out.println(style.bullet() + " message " + number + " (" + message.id()
                + (message.sent() == null ? "" : ", sent " + message.sent()) + "): "
                + (failure.condition() == null ? "" : failure.condition() + " after "
                        + Views.plural(failure.invokeCount(), "invocation") + " " + style.dot() + " ")
                + "shard " + failure.shardId() + " " + style.dot() + " sequence numbers " + failure.startSequenceNumber()
                + " to " + failure.endSequenceNumber() + " (" + Views.plural(failure.batchSize(), "record") + ")");
        if (!target.table().equals(failure.tableName())) {
            out.println("  records of table " + failure.tableName() + "'s stream, not " + target.table()
                    + "'s: run redrive with --table " + failure.tableName());
            return Outcome.UNUSABLE;
        }
        StreamRange.Read read = StreamRange.read(streams, failure);
        List<Record> records;
        switch (read) {
            case StreamRange.Gone gone -> {
                out.println("  the records are no longer in the stream (" + gone.reason() + "): stream records are"
                        + " kept 24 hours. Run reconcile" + (target.kind() == Target.Kind.AWS ? " --aws" : "")
                        + " --apply to bring the conversation lists up to date from the table's messages, then delete"
                        + " this message");
                return Outcome.RECORDS_GONE;
            }
            case StreamRange.Incomplete incomplete -> {
                out.println("  read " + Views.plural(incomplete.records().size(), "record") + " of the range, not its"
                        + " end (" + incomplete.reason() + "): nothing applied; try again, or run reconcile --apply");
                return Outcome.RECORDS_GONE;
            }
            case StreamRange.Refused refused -> {
                out.println("  the stream refused to read the range: " + refused.reason());
                return Outcome.UNUSABLE;
            }
            case StreamRange.Complete complete -> records = complete.records();
        }
        List<Record> passed = records.stream()
                .filter(r -> EventFilter.DEPLOYED.matches(StreamEvents.recordJson(r, failure.streamArn())))
                .toList();
        int filteredOut = records.size() - passed.size();
        out.println("  stream: read " + Views.plural(records.size(), "record") + " " + style.dot() + " " + filteredOut
                + " filtered out" + (filteredOut == 0 ? "" : " (not an INSERT or MODIFY of a MSG# item)"));
        if (passed.isEmpty()) {
            out.println("  nothing to apply");
            return message.receiptHandle() == null ? Outcome.APPLIED_FROM_FILE : dryRun ? Outcome.WOULD_APPLY : Outcome.DELETED;
        }
        if (dryRun) {
            return dryRun(passed, failure, rows, io);
        }
        return apply(passed, failure, invoker, message, io);
    }

    /** Delivers the records as the mapping would, in batches of its size. */
    private Outcome apply(List<Record> records, StreamFailureRecord failure, Invoker invoker, FailureQueue.Message message,
                          Io io) {
        PrintStream out = io.out();
        Style style = io.style();
        LocalEventSourceMapping mapping = new LocalEventSourceMapping(invoker::invoke, EventFilter.DEPLOYED,
                failure.streamArn(),
                // Old records are the point here: no maximum age.
                LocalEventSourceMapping.Settings.DEPLOYED.withMaxRetries(maxRetries).withMaxRecordAge(null),
                LocalEventSourceMapping.OnFailure.NONE);
        Set<String> updated = new TreeSet<>();
        Set<String> current = new TreeSet<>();
        Set<String> causes = new LinkedHashSet<>();
        int invocations = 0;
        int givenUp = 0;
        for (int from = 0; from < records.size(); from += DeploymentContract.BATCH_SIZE) {
            List<Record> batch = records.subList(from, Math.min(records.size(), from + DeploymentContract.BATCH_SIZE));
            LocalEventSourceMapping.Delivery delivery = mapping.deliver(failure.shardId(), batch,
                    new LocalEventSourceMapping.Listener() {
                        @Override
                        public void invoked(int retry, int count, InvocationReport report) {
                            out.println("  " + (retry > 0 ? "retry " + retry + ": " : "") + Views.plural(count, "record")
                                    + " " + style.dot() + " " + Views.handlerLine(report, style));
                            for (String problem : Views.problemLines(report, style)) {
                                out.println("    " + problem);
                            }
                            for (GroupOutcome group : report.groups()) {
                                String id = group.message().messageGroupUuid();
                                if (group.failed()) {
                                    causes.add(group.failure());
                                } else if (group.updated()) {
                                    updated.add(id);
                                } else {
                                    current.add(id);
                                }
                            }
                        }

                        @Override
                        public void functionError(int retry, int count, RuntimeException error) {
                            out.println("  " + (retry > 0 ? "retry " + retry + ": " : "") + Views.plural(count, "record")
                                    + " " + style.dot() + " the handler failed: " + error.getClass().getSimpleName()
                                    + ": " + Style.firstLine(error.getMessage()));
                            causes.add(error.getClass().getSimpleName());
                        }
                    });
            invocations += delivery.invocations().size();
            givenUp += delivery.recordsGivenUp();
        }
        current.removeAll(updated);
        out.println("  applied " + Views.plural(records.size() - givenUp, "record") + " of "
                + records.size() + " in " + Views.plural(invocations, "invocation") + " " + style.dot() + " "
                + Views.plural(updated.size(), "conversation") + " updated" + ids(updated) + " " + style.dot() + " "
                + current.size() + " already up to date");
        if (givenUp > 0) {
            out.println("  " + Views.plural(givenUp, "record") + " still failing after " + Views.plural(maxRetries, "retry",
                    "retries") + ": " + String.join("; ", causes));
            return Outcome.FAILURES_REMAIN;
        }
        return message.receiptHandle() == null ? Outcome.APPLIED_FROM_FILE : Outcome.DELETED;
    }

    /** What delivering the records would do, by the handler's decoder and planner on the rows as they are. */
    private Outcome dryRun(List<Record> records, StreamFailureRecord failure, GroupRowStore rows, Io io) {
        PrintStream out = io.out();
        Style style = io.style();
        DynamodbEvent event = LambdaEvents.deserialize(StreamEvents.eventJson(records.stream()
                .map(r -> StreamEvents.recordJson(r, failure.streamArn())).toList()).getBytes(StandardCharsets.UTF_8));
        RecordDecoder decoder = new RecordDecoder(failure.tableName());
        List<NewMessage> messages = new ArrayList<>();
        for (int i = 0; i < event.getRecords().size(); i++) {
            if (decoder.decode(event.getRecords().get(i), i) instanceof DecodedRecord.Message m) {
                messages.add(m.message());
            }
        }
        Set<String> toUpdate = new TreeSet<>();
        int behind = 0;
        int current = 0;
        for (NewMessage newest : Planner.newestPerGroup(messages).values()) {
            ConversationCheck check = ConversationCheck.of(newest, rows.findRows(newest.messageGroupUuid()));
            if (check.needsWork()) {
                toUpdate.add(newest.messageGroupUuid());
                behind += check.behind() + check.edits() + check.duplicates();
            } else {
                current++;
            }
        }
        int invocations = (records.size() + DeploymentContract.BATCH_SIZE - 1) / DeploymentContract.BATCH_SIZE;
        out.println("  dry run: would apply " + Views.plural(records.size(), "record") + " in "
                + Views.plural(invocations, "invocation") + " " + style.dot() + " "
                + Views.plural(toUpdate.size(), "conversation") + " to update" + ids(toUpdate) + " ("
                + Views.plural(behind, "row") + " to write) " + style.dot() + " " + current + " already up to date");
        return Outcome.WOULD_APPLY;
    }

    private ExitCode summary(int handled, int[] outcomes, boolean fromQueue, PrintStream out) {
        if (handled == 0) {
            out.println("redrive: " + (fromQueue ? "no failure message in the queue: nothing to do" : "nothing to do"));
            return ExitCode.OK;
        }
        int stillFailing = outcomes[Outcome.FAILURES_REMAIN.ordinal()];
        int gone = outcomes[Outcome.RECORDS_GONE.ordinal()];
        int unusable = outcomes[Outcome.UNUSABLE.ordinal()];
        int left = stillFailing + gone + unusable;
        List<String> parts = new ArrayList<>();
        parts.add(Views.plural(handled, "message"));
        if (dryRun) {
            parts.add(outcomes[Outcome.WOULD_APPLY.ordinal()] + " would be redriven");
        } else if (fromQueue) {
            parts.add(outcomes[Outcome.DELETED.ordinal()] + " redriven and deleted");
        } else {
            parts.add(outcomes[Outcome.APPLIED_FROM_FILE.ordinal()] + " redriven (delete them from the queue yourself)");
        }
        if (left > 0) {
            List<String> why = new ArrayList<>();
            if (stillFailing > 0) {
                why.add(stillFailing + " still failing");
            }
            if (gone > 0) {
                why.add(gone + " with records gone from the stream: run reconcile --apply");
            }
            if (unusable > 0) {
                why.add(unusable + " unusable");
            }
            parts.add(left + (fromQueue ? " left in the queue" : " not redriven") + " (" + String.join(", ", why) + ")");
        }
        out.println("redrive: " + String.join(", ", parts));
        return left == 0 ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    private FailureQueue queue(Target target) {
        if (queueUrl != null) {
            return new FailureQueue(target.sqs(queueUrl), queueUrl.toString());
        }
        // --aws without --queue-url: the stack's queue.
        SqsClient sqs = target.sqs(null);
        String found = sqs(() -> FailureQueue.findStackQueue(sqs, DeploymentContract.Stack.NAME));
        if (found == null) {
            throw new CliException(ExitCode.DYNAMODB_ERROR, "no failure queue of the stack " + DeploymentContract.Stack.NAME
                    + " found in " + target.description() + "; give --queue-url, the stack's output "
                    + DeploymentContract.Stack.FAILURE_QUEUE_URL_OUTPUT + ": aws cloudformation describe-stacks --stack-name "
                    + DeploymentContract.Stack.NAME + " --query \"Stacks[0].Outputs[?OutputKey=='"
                    + DeploymentContract.Stack.FAILURE_QUEUE_URL_OUTPUT + "'].OutputValue\" --output text");
        }
        return new FailureQueue(sqs, found);
    }

    private static List<FailureQueue.Message> readFile(String name) {
        if (name.equals("-")) {
            try {
                return FailureBodies.read(System.in.readAllBytes(), "standard input");
            } catch (IOException e) {
                throw new InputException("standard input: cannot read (" + e.getMessage() + ")");
            }
        }
        return FailureBodies.read(InputException.read(Path.of(name)), name);
    }

    private static String ids(Set<String> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        List<String> shown = ids.stream().limit(IDS_SHOWN).toList();
        return ": " + String.join(", ", shown) + (ids.size() > IDS_SHOWN ? " and " + (ids.size() - IDS_SHOWN) + " more" : "");
    }

    /** A queue request: its failure becomes one line naming the queue's service (exit 4). */
    private static <T> T sqs(QueueCall<T> call) {
        try {
            return call.run();
        } catch (SdkClientException e) {
            throw new CliException(ExitCode.DYNAMODB_ERROR, "cannot reach the queue (" + Style.firstLine(e.getMessage()) + ")");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new CliException(ExitCode.DYNAMODB_ERROR, "SQS rejected a request: " + (code == null ? "" : code + ": ")
                    + Style.firstLine(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
        }
    }

    @FunctionalInterface
    private interface QueueCall<T> {
        T run();
    }
}
