package com.cruddur.messaging.local.replay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.RequestCounter;
import com.cruddur.messaging.local.EmbeddedTargets;
import com.cruddur.messaging.local.SeedData;
import com.cruddur.messaging.local.Views;
import com.cruddur.messaging.local.table.ConversationLists;
import com.cruddur.messaging.local.table.Conversations;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerCommand;
import com.cruddur.messaging.ops.HandlerReport;
import com.cruddur.messaging.ops.Invoker;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.RefusedException;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamArn;
import com.cruddur.messaging.stream.InvocationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code replay}: each event file is one Lambda invocation of the deployed handler class, in the
 * order given; the report shows what the handler did and the affected users' conversation lists
 * before and after.
 */
@Command(customSynopsis = {"replay [--endpoint URL | --aws] [--table NAME] [--seed FILE] [--dump]",
            "              [--stats] [--verbose] [--write-mode MODE] EVENT.json..."},
        description = {
            """
                    Each EVENT.json is one Lambda invocation ({"Records": [...]} exactly as Lambda delivers it),
                    replayed in the order given and deserialized by the Lambda Java runtime's own serializer. For
                    each, the report shows what the handler did (records processed and skipped, conversations
                    updated, rows re-created, stale, failed, the batchItemFailures it returned) and the affected
                    users' conversation lists, newest first, before and after.

                    Embedded (the default), the table starts with the sample conversation
                    (events/seed/conversations.json) unless --seed names another file. With --endpoint, the table is
                    created only if it is missing, and existing data is never deleted, cleared or reseeded unless
                    --seed is given. With --aws the real table is used and must exist; --seed and --dump are refused."""},
        footer = {"example:", "  ./dev replay events/new-message.json"})
public final class ReplayCommand extends HandlerCommand {

    /** Conversation lists shown per invocation; a big batch lists the rest by count. */
    private static final int MAX_USERS_SHOWN = 10;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "load these items first (a JSON array of items in DynamoDB JSON)")
    private Path seedFile;

    @Option(names = "--dump", description = "then print every item of the table, one DynamoDB JSON line each, sorted"
            + " by pk then sk, on standard output; the report then goes to standard error")
    private boolean dump;

    @Option(names = "--stats", description = "DynamoDB requests by operation and the handler's time, per invocation")
    private boolean stats;

    @Parameters(paramLabel = "EVENT.json", arity = "0..*", description = "stream event files, one invocation each")
    private List<Path> eventFiles;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        if (eventFiles == null || eventFiles.isEmpty()) {
            throw usageError("no event file given");
        }
        if (spec.kind() == Target.Kind.AWS && seedFile != null) {
            throw new RefusedException("refusing --seed with --aws: seed never writes to the real table");
        }
        if (spec.kind() == Target.Kind.AWS && dump) {
            throw new RefusedException("refusing --dump with --aws: it would scan the whole real table");
        }
        // Every file is read and checked before anything starts: a typo fails in milliseconds.
        List<EventFile> files = new ArrayList<>();
        for (Path file : eventFiles) {
            files.add(EventFile.load(file));
        }
        SeedData seed = seedFile != null ? SeedData.fromFile(seedFile)
                : spec.kind() == Target.Kind.EMBEDDED ? SeedData.sample() : null;

        // With --dump, standard output carries the items only.
        PrintStream report = dump ? io.err() : io.out();
        Style style = io.style();
        try (Target target = io.targets().open(spec)) {
            DynamoDbClient admin = target.client();
            boolean created = EmbeddedTargets.ensureTable(target, admin);
            List<String> header = new ArrayList<>();
            header.add(target.description());
            header.add("table " + target.table() + (created && !target.embedded() ? " (created)" : ""));
            if (seed != null) {
                seed.load(admin, target.table(), io.err());
                header.add("seeded " + Plural.of(seed.items().size(), "item") + " from " + seed.source());
            }
            report.println(style.join(header));

            RequestCounter requests = new RequestCounter();
            Invoker invoker = invoker(target, io, requests);
            Conversations conversations = new Conversations(admin, target.table());
            int failedInvocations = 0;
            int number = 0;
            for (EventFile file : files) {
                number++;
                InvocationReport result = replay(file, number, files.size(), invoker, requests, conversations, stats,
                        report, style);
                if (!result.failedSequenceNumbers().isEmpty()) {
                    failedInvocations++;
                }
            }
            if (files.size() > 1) {
                report.println("replayed " + Plural.of(files.size(), "file") + ": "
                        + (failedInvocations == 0 ? "no batch item failures"
                        : failedInvocations + " with batch item failures"));
            }
            if (dump) {
                // var: the SDK's AttributeValue, not the Lambda event model's imported above.
                for (var item : Items.scanAll(admin, target.table())) {
                    io.out().println(DynamoJson.format(item));
                }
            }
            return failedInvocations == 0 ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
        }
    }

    private static InvocationReport replay(EventFile file, int number, int total, Invoker invoker, RequestCounter requests,
                                           Conversations conversations, boolean stats, PrintStream out, Style style) {
        String progress = total > 1 ? "[" + number + "/" + total + "] " : "";
        out.println(style.bullet() + " " + progress + file.path() + ": " + Plural.of(file.size(), "record"));
        long undelivered = file.records().stream().filter(r -> !EventFilter.DEPLOYED.matches(r)).count();
        if (undelivered > 0) {
            out.println("  note: the deployed event filter would not deliver " + undelivered + " of these records"
                    + " (only INSERT/MODIFY of MSG# items reach the function); replayed as given");
        }
        // Read as the handler's decoder reads them (StreamArn), so the note names the records it rejects
        // as another table's (an ARN that is no stream's at all it reports as malformed itself).
        long otherTable = file.event().getRecords().stream()
                .filter(r -> r != null && r.getEventSourceARN() != null)
                .filter(r -> StreamArn.parse(r.getEventSourceARN()).map(StreamArn::table)
                        .filter(table -> !table.equals(conversations.table())).isPresent())
                .count();
        if (otherTable > 0) {
            out.println("  note: " + otherTable + " of these records name another table's stream in eventSourceARN;"
                    + " the handler, configured for " + conversations.table() + ", rejects them (use --table with"
                    + " the stream's table, or delete eventSourceARN from the file)");
        }
        // The affected users: owners of the rows of every conversation in the batch, found before
        // the handler moves them.
        Set<String> groups = groupsOf(file.event());
        Conversations.People people;
        try {
            people = conversations.participants(groups);
        } catch (AwsServiceException e) {
            // Best effort: a table the handler cannot work with either (no index, say) still gets
            // replayed, so that the person sees what the handler makes of it.
            out.println("  (conversation lists not shown: " + Style.firstLine(e.awsErrorDetails() == null
                    ? e.getMessage() : e.awsErrorDetails().errorMessage()) + ")");
            people = new Conversations.People(List.of(), Map.of());
            groups = Set.of();
        }
        // Recipients first: theirs are the lists where a conversation moves up.
        List<String> owners = people.ownersWithLast(sendersOf(file.event()));
        List<String> shown = owners.size() > MAX_USERS_SHOWN ? owners.subList(0, MAX_USERS_SHOWN) : owners;
        Map<String, List<Conversations.Row>> before = new LinkedHashMap<>();
        for (String user : shown) {
            before.put(user, conversations.listOf(user));
        }

        requests.reset();
        InvocationReport result = invoker.invoke(file.event());

        HandlerReport.print(out, "  ", result, style);
        if (stats) {
            out.println("  stats: handler " + millis(result) + " " + style.dot() + " DynamoDB requests: "
                    + Views.requests(requests.snapshot()));
        }
        for (String user : shown) {
            ConversationLists.beforeAfter(out, "  ", people.label(user, style), before.get(user), conversations.listOf(user),
                    groups, style);
        }
        if (shown.size() < people.owners().size()) {
            out.println("  ... and " + (people.owners().size() - shown.size()) + " more users' conversation lists");
        }
        if (people.owners().isEmpty() && !groups.isEmpty()) {
            out.println("  (no conversation-list rows for " + Plural.of(groups.size(), "conversation")
                    + " of this batch in " + "the table: nothing to move)");
        }
        return result;
    }

    /** The conversations (message_group_uuid) of the batch's message records, in order. */
    private static Set<String> groupsOf(DynamodbEvent event) {
        Set<String> groups = new LinkedHashSet<>();
        if (event.getRecords() == null) {
            return groups;
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record == null || record.getDynamodb() == null || record.getDynamodb().getKeys() == null) {
                continue;
            }
            AttributeValue pk = record.getDynamodb().getKeys().get(MessagesTable.PK);
            if (pk != null && pk.getS() != null && pk.getS().startsWith(MessagesTable.MESSAGE_PREFIX)
                    && pk.getS().length() > MessagesTable.MESSAGE_PREFIX.length()) {
                groups.add(pk.getS().substring(MessagesTable.MESSAGE_PREFIX.length()));
            }
        }
        return groups;
    }

    /** The senders (user_uuid of the new image) of the batch's records. */
    private static Set<String> sendersOf(DynamodbEvent event) {
        Set<String> senders = new LinkedHashSet<>();
        if (event.getRecords() == null) {
            return senders;
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (record == null || record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
                continue;
            }
            AttributeValue sender = record.getDynamodb().getNewImage().get(MessagesTable.ATTR_USER_UUID);
            if (sender != null && sender.getS() != null) {
                senders.add(sender.getS());
            }
        }
        return senders;
    }

    private static String millis(InvocationReport result) {
        return String.format("%.1f ms", result.duration().toNanos() / 1_000_000.0);
    }
}
