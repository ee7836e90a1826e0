package com.cruddur.messaging.bench;

import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.reconcile.TableCheck;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code reconcile-bench}: how fast reconcile's check reads a table, by scan segments, on DynamoDB Local. */
@Command(customSynopsis = {"reconcile-bench [--items N] [--segments N,N...] [--rounds N] [--endpoint URL]"},
        description = {
            """
                    Loads a fresh table with --items items (default 100000: two-person conversations of three
                    messages and two rows each, one in a hundred of them behind), then runs reconcile's check (the
                    parallel scan and the diff, nothing applied) --rounds times per segment count and prints the
                    median round: items scanned per second, read capacity units DynamoDB reported, Scan requests,
                    and the conversations found to fix.

                    Figures are DynamoDB Local's on this machine (one process, no partitions, no throttling): they
                    compare segment counts, not AWS's speed. In AWS a parallel scan spreads over the table's
                    partitions and the read units are what it costs."""},
        footer = {"example:", "  ./dev reconcile-bench --items 100000 --segments 1,4"})
public final class ReconcileBenchCommand extends LocalBenchCommand {

    private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
    /** Items per conversation: three messages, two rows. */
    private static final int ITEMS_PER_CONVERSATION = 5;

    @Option(names = "--items", paramLabel = "N", defaultValue = "100000",
            description = "items in the table, 5-10000000 (default ${DEFAULT-VALUE})")
    private int items;

    @Option(names = "--segments", paramLabel = "N,N...", defaultValue = "1,4", split = ",",
            description = "the segment counts to compare, each 1-64 (default ${DEFAULT-VALUE})")
    private int[] segments;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "rounds per segment count; the median is printed (default ${DEFAULT-VALUE})")
    private int rounds;

    @Override
    protected void check() {
        within("--items", items, ITEMS_PER_CONVERSATION, 10_000_000);
        within("--rounds", rounds, 1, 100);
        for (int n : segments) {
            within("--segments", n, 1, 64);
        }
    }

    @Override
    protected ExitCode run(Io io, Target target) {
        PrintStream out = io.out();
        try {
            DynamoDbClient client = target.client();
            String table = "reconcile-bench-" + System.nanoTime();
            TableDefinitions.createTable(client, table);
            int conversations = items / ITEMS_PER_CONVERSATION;
            io.err().println("… loading " + conversations * ITEMS_PER_CONVERSATION + " items into " + table);
            long loadStart = System.nanoTime();
            load(client, table, generate(conversations), io.err());
            out.println("DynamoDB Local at " + target.endpoint() + " · table of " + conversations * ITEMS_PER_CONVERSATION
                    + " items (" + conversations + " conversations, " + conversations / 100 + " behind), loaded in "
                    + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - loadStart) / 1e9) + " · median of "
                    + rounds + " round(s) · JVM " + Runtime.version() + " · "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            out.println(String.format("%-9s %12s %10s %12s %9s %8s", "segments", "items/s", "time", "read units",
                    "requests", "to fix"));
            for (int n : segments) {
                List<TableCheck.Figures> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    io.err().println("… " + n + " segment(s), round " + round + "/" + rounds);
                    results.add(TableCheck.run(client, table, n));
                }
                results.sort(Comparator.comparingDouble(TableCheck.Figures::itemsPerSecond));
                TableCheck.Figures median = results.get(results.size() / 2);
                out.println(String.format(Locale.ROOT, "%-9d %12.0f %9.1fs %12.1f %9d %8d", n, median.itemsPerSecond(),
                        median.time().toMillis() / 1000.0, median.readUnits(), median.requests(), median.toFix()));
                out.flush();
            }
            client.deleteTable(b -> b.tableName(table));
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.BUG;
        }
    }

    /** Writes the items in a few parallel streams of batches: loading is not what is measured. */
    private static void load(DynamoDbClient client, String table, List<Map<String, AttributeValue>> all, PrintStream err)
            throws InterruptedException {
        int writers = 4;
        int slice = (all.size() + writers - 1) / writers;
        AtomicLong written = new AtomicLong();
        try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> running = new ArrayList<>();
            for (int from = 0; from < all.size(); from += slice) {
                List<Map<String, AttributeValue>> part = all.subList(from, Math.min(all.size(), from + slice));
                running.add(threads.submit(() -> Items.putAll(client, table, part, n -> {
                    if (written.addAndGet(25) % 20_000 < 25) {
                        err.println("  " + written.get() + " items");
                    }
                })));
            }
            for (Future<?> writer : running) {
                try {
                    writer.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
    }

    /** Two-person conversations of three messages; one in a hundred has its rows at the second message. */
    private static List<Map<String, AttributeValue>> generate(int conversations) {
        List<Map<String, AttributeValue>> all = new ArrayList<>(conversations * ITEMS_PER_CONVERSATION);
        for (int c = 0; c < conversations; c++) {
            String group = String.format("00000000-0000-4000-8000-%012d", c);
            String[] users = {String.format("00000000-0000-4000-9000-%012d", 2 * c),
                String.format("00000000-0000-4000-9000-%012d", 2 * c + 1)};
            for (int m = 0; m < 3; m++) {
                all.add(item(MessagesTable.messagePk(group), at(c, m), Map.of(
                        MessagesTable.ATTR_MESSAGE_UUID, String.format("10000000-0000-4000-8000-%012d", 3 * c + m),
                        MessagesTable.ATTR_MESSAGE, "message " + m + " of conversation " + c,
                        MessagesTable.ATTR_USER_UUID, users[m % 2])));
            }
            int last = c % 100 == 0 ? 1 : 2;
            for (int p = 0; p < 2; p++) {
                all.add(item(MessagesTable.groupPk(users[p]), at(c, last), Map.of(
                        MessagesTable.ATTR_MESSAGE_GROUP_UUID, group,
                        MessagesTable.ATTR_MESSAGE, "message " + last + " of conversation " + c,
                        MessagesTable.ATTR_USER_UUID, users[1 - p],
                        MessagesTable.ATTR_USER_DISPLAY_NAME, "User " + (2 * c + 1 - p),
                        MessagesTable.ATTR_USER_HANDLE, "user" + (2 * c + 1 - p))));
            }
        }
        return all;
    }

    private static String at(int conversation, int message) {
        return MessagesTable.sortKey(BASE.plus(message, ChronoUnit.HOURS).plus(conversation, ChronoUnit.MILLIS));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(MessagesTable.PK, AttributeValue.fromS(pk));
        item.put(MessagesTable.SK, AttributeValue.fromS(sk));
        attributes.forEach((name, value) -> item.put(name, AttributeValue.fromS(value)));
        return item;
    }
}
