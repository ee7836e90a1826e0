package com.cruddur.messaging.ops.reconcile;

import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerCommand;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.RefusedException;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.ops.Usage;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.ConversationCheck;
import java.io.Console;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code reconcile}: the repair for what the stream can no longer deliver. Checks every
 * conversation's rows against its newest message (read-only), and with {@code --apply} brings the
 * lagging ones up to date through the deployed handler class ({@link ConversationDiff}, {@link Repair}).
 */
@Command(customSynopsis = {"reconcile [--aws | --endpoint URL] [--table NAME] [--apply [--yes]]",
            "                 [--segments N] [--group UUID] [--rate UNITS] [--write-mode MODE] [--verbose]"},
        description = {
            """
                    For records the stream no longer holds (older than 24 hours, or lost with the function off or
                    failing for a day), redrive cannot help: the messages are in the table, the conversation
                    lists are not up to date. reconcile finds each conversation's newest message with a parallel
                    Scan of the table (--segments, default 4) or, with --group, a query of one conversation, and
                    compares it with the conversation's rows by the handler's own planner. It prints one line per
                    conversation that is not right and a summary, and changes nothing:
                      behind     rows at an older sort key than the newest message
                      edited     rows at the newest message's sort key showing another text (a missed edit)
                      duplicate  more than one row of one owner
                      orphan     rows of a conversation without any message (left alone: nothing to move them to)
                      no-rows    messages but no row (left alone: the handler moves rows, it does not create them)

                    --apply brings the behind, edited and duplicate ones up to date through the deployed handler
                    class: each conversation's newest message is read again (strongly consistent) and handed to
                    the handler as a stream record, 100 to an invocation, so the planner, the conditional
                    writes (of the --write-mode given: put-first or transactional) and the retries are the
                    handler's own: never a blind write, never backwards, safe while the deployed function runs
                    beside it. Run it again at any time: what is right
                    stays as it is. With --aws, --apply asks for confirmation on the terminal (or takes --yes).

                    Progress goes to standard error every few seconds. --rate UNITS keeps the scan and the
                    re-reads under UNITS read capacity units per second, by the consumed capacity DynamoDB reports
                    (the SDK retries throttled requests besides); the handler's own reads and writes are the
                    function's. The check holds the conversations' newest messages and rows in memory while it
                    runs."""},
        footer = {"examples:",
            "  ./dev reconcile --endpoint http://localhost:8000",
            "  ./dev reconcile --aws --segments 8 --rate 200",
            "  ./dev reconcile --aws --group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399 --apply"})
public final class ReconcileCommand extends HandlerCommand {

    /** How often the progress line is printed. */
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    @Option(names = "--apply", description = "bring the lagging conversations up to date through the handler")
    private boolean apply;

    @Option(names = "--yes", description = "with --aws --apply: do not ask")
    private boolean yes;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "4",
            description = "parallel scan segments, 1-64 (default ${DEFAULT-VALUE})")
    private int segments;

    @Option(names = "--group", paramLabel = "UUID", converter = Usage.UuidText.class,
            description = "only this conversation (a query, no scan)")
    private String group;

    @Option(names = "--rate", paramLabel = "UNITS",
            description = "read capacity units per second at most, for the scan and the re-reads (default: no limit)")
    private Double rate;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        within("--segments", segments, 1, 64);
        if (rate != null && (rate < 1 || rate > 1_000_000)) {
            throw usageError("option --rate must be between 1 and 1000000 read units per second, got " + rate);
        }
        if (yes && !apply) {
            throw usageError("--yes goes with --apply");
        }
        boolean confirm = apply && spec.kind() == Target.Kind.AWS && !yes;
        Console console = System.console();
        if (confirm && (console == null || !console.isTerminal())) {
            throw new RefusedException("refusing reconcile --apply --aws without --yes: there is no terminal to confirm on");
        }
        ReadRate limit = rate == null ? ReadRate.UNLIMITED : new ReadRate(rate);
        ReconcileReport report = new ReconcileReport(io);
        Style style = io.style();
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, null, io)) {
            Target target = opened.target();
            DynamoDbClient client = opened.client();
            target.requireTable(client);
            io.out().println(opened.header() + " " + style.dot() + " " + (group == null ? Plural.of(segments, "segment")
                    : "conversation " + group) + (rate == null ? "" : " " + style.dot() + " at most "
                    + ReconcileReport.format(rate) + " read units/s"));
            ConversationDiff check = new ConversationDiff();
            ConversationDiff.Diff diff;
            if (group == null) {
                TableScan.Stats stats = scan(client, target.table(), check, limit, report);
                diff = check.diff();
                report.findings(diff);
                report.scanned(stats, diff);
            } else {
                check.accept(group, Repair.newestMessage(client, target.table(), group, limit),
                        new ConversationCheck(client, config(target)).rows(group));
                diff = check.diff();
                report.findings(diff);
                report.checked(diff);
            }
            List<String> fixable = diff.fixable();
            if (fixable.isEmpty() && apply) {
                io.out().println("reconcile --apply: nothing to apply");
            } else if (!fixable.isEmpty() && !apply) {
                io.out().println("run with --apply to bring " + Plural.of(fixable.size(), "conversation")
                        + " up to date through the handler");
            }
            if (!apply || fixable.isEmpty()) {
                return ExitCode.OK;
            }
            if (confirm) {
                String answer = console.readLine("apply the handler to %d conversations of table %s (%s)? type yes: ",
                        fixable.size(), target.table(), target.description());
                if (answer == null || !answer.strip().equals("yes")) {
                    throw new RefusedException("not confirmed: nothing applied");
                }
            }
            io.out().println("applying: " + Plural.of(fixable.size(), "conversation") + " through the handler, in batches"
                    + " of " + DeploymentContract.BATCH_SIZE);
            io.out().flush();
            long start = System.nanoTime();
            Repair.Applied applied = Repair.apply(fixable, client, target.table(),
                    invoker(target, io), limit, report::applying);
            return report.applied(fixable.size(), applied, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.BUG, "interrupted");
        }
    }

    private TableScan.Stats scan(DynamoDbClient client, String table, ConversationDiff check, ReadRate limit,
                                 ReconcileReport report) throws InterruptedException {
        long[] nextProgress = {System.nanoTime() + PROGRESS_NANOS};
        long start = System.nanoTime();
        return new TableScan(client, table, segments, limit).run(check::accept, (items, kept, units) -> {
            long now = System.nanoTime();
            synchronized (nextProgress) {
                if (now < nextProgress[0]) {
                    return;
                }
                nextProgress[0] = now + PROGRESS_NANOS;
            }
            report.scanning(items, kept, units, items / ((now - start) / 1e9));
        });
    }
}
