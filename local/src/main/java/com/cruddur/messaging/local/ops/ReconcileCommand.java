package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.local.CliCommand;
import com.cruddur.messaging.local.CliException;
import com.cruddur.messaging.local.ExitCode;
import com.cruddur.messaging.local.HandlerOptions;
import com.cruddur.messaging.local.Invoker;
import com.cruddur.messaging.local.Plural;
import com.cruddur.messaging.local.RefusedException;
import com.cruddur.messaging.local.Style;
import com.cruddur.messaging.local.Target;
import com.cruddur.messaging.local.TargetOptions;
import com.cruddur.messaging.local.Targets;
import com.cruddur.messaging.local.Usage;
import com.cruddur.messaging.schema.DeploymentContract;
import com.cruddur.messaging.stream.ConversationCheck;
import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code reconcile}: the repair for what the stream can no longer deliver. Checks every
 * conversation's rows against its newest message (read-only), and with {@code --apply} brings the
 * lagging ones up to date through the deployed handler class ({@link Reconciler}).
 */
@Command(name = ReconcileCommand.NAME,
        customSynopsis = {"reconcile [--aws | --endpoint URL] [--table NAME] [--apply [--yes]]",
            "                 [--segments N] [--group UUID] [--rate UNITS] [--write-mode MODE] [--verbose]"},
        description = {ReconcileCommand.SUMMARY, "",
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
                    transactions and the retries are the handler's own: never a blind write, never backwards,
                    safe while the deployed function runs beside it. Run it again at any time: what is right
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
public final class ReconcileCommand extends CliCommand {

    /** The name on the command line; with {@link #SUMMARY}, its line in the command list. */
    public static final String NAME = "reconcile";
    public static final String SUMMARY = "check every conversation list against its newest message; --apply repairs it";

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

    @Option(names = "--verbose", description = "the handler's own JSON log lines, on standard error")
    private boolean verbose;

    @Mixin
    private TargetOptions where;

    @Mixin
    private HandlerOptions handler;

    @Override
    protected ExitCode run(Io io) {
        Target.Spec spec = where.spec();
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
        PrintStream out = io.out();
        Style style = io.style();
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, null, io)) {
            Target target = opened.target();
            DynamoDbClient client = opened.client();
            target.requireTable(client);
            out.println(opened.header() + (group == null ? " " + style.dot() + " " + Plural.of(segments, "segment")
                    : " " + style.dot() + " conversation " + group) + (rate == null ? "" : " " + style.dot() + " at most "
                    + format(rate) + " read units/s"));
            Reconciler reconciler = new Reconciler();
            Reconciler.Diff diff;
            if (group == null) {
                TableScan.Stats stats = scan(client, target.table(), reconciler, limit, io);
                diff = reconciler.diff();
                report(diff, out, style);
                out.println("reconcile: scanned " + stats.scanned() + " items (" + stats.kept() + " messages and rows) in "
                        + String.format(Locale.ROOT, "%.1f s", stats.time().toMillis() / 1000.0) + " " + style.dot() + " "
                        + String.format(Locale.ROOT, "%.0f items/s", stats.itemsPerSecond()) + " " + style.dot() + " "
                        + units(stats.readUnits()) + " in " + Plural.of(stats.requests(), "request")
                        + " " + style.dot() + " " + summary(diff));
            } else {
                reconciler.accept(group, Reconciler.newestMessage(client, target.table(), group, limit),
                        new ConversationCheck(client, handler.config(target)).rows(group));
                diff = reconciler.diff();
                report(diff, out, style);
                out.println("reconcile: " + summary(diff));
            }
            List<String> fixable = diff.fixable();
            if (!apply) {
                if (!fixable.isEmpty()) {
                    out.println("run with --apply to bring " + Plural.of(fixable.size(), "conversation")
                            + " up to date through the handler");
                }
                return ExitCode.OK;
            }
            if (fixable.isEmpty()) {
                out.println("reconcile --apply: nothing to apply");
                return ExitCode.OK;
            }
            if (confirm) {
                String answer = console.readLine("apply the handler to %d conversations of table %s (%s)? type yes: ",
                        fixable.size(), target.table(), target.description());
                if (answer == null || !answer.strip().equals("yes")) {
                    throw new RefusedException("not confirmed: nothing applied");
                }
            }
            return apply(fixable, opened, limit, io);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.BUG, "interrupted");
        }
    }

    private TableScan.Stats scan(DynamoDbClient client, String table, Reconciler reconciler, ReadRate limit, Io io)
            throws InterruptedException {
        long[] nextProgress = {System.nanoTime() + PROGRESS_NANOS};
        long start = System.nanoTime();
        Style style = io.style();
        return new TableScan(client, table, segments, limit).run(reconciler::accept, (items, kept, units) -> {
            long now = System.nanoTime();
            synchronized (nextProgress) {
                if (now < nextProgress[0]) {
                    return;
                }
                nextProgress[0] = now + PROGRESS_NANOS;
            }
            io.err().println("  scanned " + items + " items " + style.dot() + " " + kept + " messages and rows "
                    + style.dot() + " " + units(units) + " " + style.dot()
                    + String.format(Locale.ROOT, " %.0f items/s", items / ((now - start) / 1e9)));
        });
    }

    private ExitCode apply(List<String> fixable, Targets.Opened opened, ReadRate limit, Io io) throws InterruptedException {
        PrintStream out = io.out();
        Style style = io.style();
        Target target = opened.target();
        out.println("applying: " + Plural.of(fixable.size(), "conversation") + " through the handler, in batches of "
                + DeploymentContract.BATCH_SIZE);
        out.flush();
        Invoker invoker = new Invoker(target, handler.config(target), verbose, io.err());
        long start = System.nanoTime();
        Reconciler.Applied applied = Reconciler.apply(fixable, opened.client(), target.table(), invoker, limit,
                (done, total, fixed, current, failed) -> io.err().println("  applied " + done + "/" + total
                        + " conversations " + style.dot() + " " + fixed + " fixed " + style.dot() + " " + current
                        + " already right " + style.dot() + " " + failed + " failed"));
        for (Map.Entry<String, String> failure : applied.failed().entrySet()) {
            out.println("not fixed  " + failure.getKey() + " " + style.dot() + " " + failure.getValue());
        }
        out.println("reconcile --apply: " + Plural.of(fixable.size(), "conversation") + " in "
                + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9) + " " + style.dot() + " "
                + applied.fixed() + " fixed (" + Plural.of(applied.recreated(), "row") + " re-created, "
                + applied.edited() + " edited, " + Plural.of(applied.duplicates(), "duplicate") + " removed) "
                + style.dot() + " " + applied.current() + " already right " + style.dot() + " "
                + applied.failed().size() + " not fixed");
        return applied.failed().isEmpty() ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    /** One line per conversation that is not right, fixable ones first. */
    private static void report(Reconciler.Diff diff, PrintStream out, Style style) {
        List<Reconciler.Finding> ordered = new ArrayList<>(diff.findings().stream().filter(Reconciler.Finding::fixable).toList());
        ordered.addAll(diff.findings().stream().filter(f -> !f.fixable()).toList());
        for (Reconciler.Finding finding : ordered) {
            String problems = finding.problems().stream().map(Reconciler.Problem::label).collect(Collectors.joining("+"));
            out.println(String.format("%-10s %s %s %s", problems, finding.group(), style.dot(), details(finding)));
        }
    }

    private static String details(Reconciler.Finding finding) {
        ConversationCheck.Result check = finding.check();
        if (check == null) {
            return finding.problems().contains(Reconciler.Problem.ORPHAN)
                    ? Plural.of(finding.rows(), "row") + ", no message: left alone"
                    : "messages, no row: left alone";
        }
        List<String> parts = new ArrayList<>();
        if (check.behind() > 0) {
            parts.add(check.behind() + " of " + Plural.of(check.rows(), "row") + " behind");
        }
        if (check.edits() > 0) {
            parts.add(Plural.of(check.edits(), "row") + " with another text");
        }
        if (check.duplicates() > 0) {
            parts.add(Plural.of(check.duplicates(), "duplicate row"));
        }
        parts.add("newest message " + check.newestAt());
        return String.join(", ", parts);
    }

    private static String summary(Reconciler.Diff diff) {
        return Plural.of(diff.conversations(), "conversation") + ": " + diff.healthy() + " right, "
                + diff.count(Reconciler.Problem.BEHIND) + " behind, " + diff.count(Reconciler.Problem.EDITED) + " edited, "
                + diff.count(Reconciler.Problem.DUPLICATE) + " with duplicates, "
                + diff.count(Reconciler.Problem.ORPHAN) + " orphaned, " + diff.count(Reconciler.Problem.NO_ROWS)
                + " without rows";
    }

    private static String units(double units) {
        return format(units) + (units == 1 ? " read unit" : " read units");
    }

    private static String format(double units) {
        return units == Math.rint(units) ? String.format(Locale.ROOT, "%.0f", units)
                : String.format(Locale.ROOT, "%.1f", units);
    }
}
