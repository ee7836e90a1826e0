package com.cruddur.messaging.local.ops;

import static com.cruddur.messaging.local.CliRun.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.cruddur.messaging.devkit.DynamoJson;
import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.devkit.TableDefinitions;
import com.cruddur.messaging.local.CliRun;
import com.cruddur.messaging.local.LocalDynamoDbTestBase;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.schema.StreamRecords;
import com.cruddur.messaging.stream.Config;
import com.cruddur.messaging.stream.InvocationReport;
import com.cruddur.messaging.stream.LocalContext;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code reconcile} on a table of a few hundred conversations across several scan segments: the
 * diff names exactly the broken ones, {@code --apply} fixes them through the handler, a second run
 * finds nothing to fix, and a live handler delivering new messages to the same conversations while
 * {@code --apply} runs loses nothing.
 */
class ReconcileIT extends LocalDynamoDbTestBase {

    private static final Instant BASE = Instant.parse("2026-11-20T00:00:00Z");
    /** One line of the diff: the problems, the conversation, the details. */
    private static final Pattern FINDING = Pattern.compile("^(\\S+)\\s+([0-9a-f-]{36}) · ");
    /** Participants are drawn from this many users, so every user has rows in several conversations. */
    private static final int USERS = 60;

    /** What a conversation of the generated table is made to be. */
    private enum Kind { HEALTHY, BEHIND, EDITED, DUPLICATE, ORPHAN, NO_ROWS }

    private static String group(int i) {
        return String.format("00000000-0000-4000-8000-%012d", i);
    }

    private static String user(int u) {
        return String.format("00000000-0000-4000-9000-%012d", u);
    }

    /** The two participants of conversation {@code i}: distinct, and a distinct pair per conversation. */
    private static int[] participants(int i) {
        int a = i % USERS;
        return new int[] {a, (a + 1 + i / USERS) % USERS};
    }

    /** Message {@code m} of conversation {@code i}: distinct times, so no two conversations share a key. */
    private static String at(int i, int m) {
        return MessagesTable.sortKey(BASE.plus(m, ChronoUnit.HOURS).plus(i, ChronoUnit.SECONDS));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Map<String, AttributeValue> message(String group, String sk, String text, String sender) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s("MSG#" + group));
        item.put("sk", s(sk));
        item.put("message_uuid", s(UUID.nameUUIDFromBytes((group + sk).getBytes()).toString()));
        item.put("message", s(text));
        item.put("user_uuid", s(sender));
        return item;
    }

    private static Map<String, AttributeValue> row(int owner, int other, String group, String sk, String text) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s("GRP#" + user(owner)));
        item.put("sk", s(sk));
        item.put("message_group_uuid", s(group));
        item.put("message", s(text));
        item.put("user_uuid", s(user(other)));
        item.put("user_display_name", s("User " + other));
        item.put("user_handle", s("user" + other));
        return item;
    }

    /** Writes conversation {@code i} as {@code kind} says: three messages, a row per participant. */
    private static List<Map<String, AttributeValue>> conversation(int i, Kind kind) {
        String g = group(i);
        int[] p = participants(i);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        if (kind != Kind.ORPHAN) {
            for (int m = 0; m < 3; m++) {
                items.add(message(g, at(i, m), "message " + m + " of " + i, user(p[m % 2])));
            }
        }
        String newest = "message 2 of " + i;
        switch (kind) {
            case HEALTHY -> {
                items.add(row(p[0], p[1], g, at(i, 2), newest));
                items.add(row(p[1], p[0], g, at(i, 2), newest));
            }
            case BEHIND -> {
                // One participant's row stopped at the first message, the other's at the second.
                items.add(row(p[0], p[1], g, at(i, 0), "message 0 of " + i));
                items.add(row(p[1], p[0], g, at(i, 1), "message 1 of " + i));
            }
            case EDITED -> {
                items.add(row(p[0], p[1], g, at(i, 2), newest));
                items.add(row(p[1], p[0], g, at(i, 2), "the text before an edit"));
            }
            case DUPLICATE -> {
                items.add(row(p[0], p[1], g, at(i, 2), newest));
                items.add(row(p[1], p[0], g, at(i, 2), newest));
                items.add(row(p[0], p[1], g, at(i, 0), "message 0 of " + i));
            }
            case ORPHAN -> {
                items.add(row(p[0], p[1], g, at(i, 1), "a conversation whose messages are gone"));
                items.add(row(p[1], p[0], g, at(i, 1), "a conversation whose messages are gone"));
            }
            case NO_ROWS -> {
            }
        }
        return items;
    }

    /** A table of the given kinds, conversation i of kinds.get(i). */
    private static String table(List<Kind> kinds) {
        String table = newTable();
        TableDefinitions.createTable(admin, table);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            items.addAll(conversation(i, kinds.get(i)));
        }
        Items.putAll(admin, table, items, written -> { });
        return table;
    }

    /** Kinds in a shuffled order, so each scan segment holds some of every kind. */
    private static List<Kind> kinds(Map<Kind, Integer> counts, long seed) {
        List<Kind> kinds = new ArrayList<>();
        counts.forEach((kind, n) -> {
            for (int i = 0; i < n; i++) {
                kinds.add(kind);
            }
        });
        Collections.shuffle(kinds, new Random(seed));
        return kinds;
    }

    private static Set<String> groupsOf(List<Kind> kinds, Kind kind) {
        Set<String> groups = new TreeSet<>();
        for (int i = 0; i < kinds.size(); i++) {
            if (kinds.get(i) == kind) {
                groups.add(group(i));
            }
        }
        return groups;
    }

    /** The diff's lines: problems to conversations. */
    private static Map<String, Set<String>> findings(CliRun run) {
        Map<String, Set<String>> findings = new TreeMap<>();
        for (String line : run.outLines()) {
            Matcher m = FINDING.matcher(line);
            if (m.find()) {
                findings.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        return findings;
    }

    /**
     * The state at rest every conversation with messages and rows must reach: one row per
     * participant, at the conversation's newest message, showing its text.
     */
    private static void assertEveryRowIsAtItsConversationsNewestMessage(String table, Set<String> leftAlone) {
        Map<String, Map<String, AttributeValue>> newest = new TreeMap<>();
        Map<String, List<Map<String, AttributeValue>>> rows = new TreeMap<>();
        for (Map<String, AttributeValue> item : Items.scanAll(admin, table)) {
            String pk = item.get("pk").s();
            if (pk.startsWith("MSG#")) {
                newest.merge(pk.substring(4), item, (a, b) -> a.get("sk").s().compareTo(b.get("sk").s()) >= 0 ? a : b);
            } else {
                rows.computeIfAbsent(item.get("message_group_uuid").s(), g -> new ArrayList<>()).add(item);
            }
        }
        int checked = 0;
        for (Map.Entry<String, List<Map<String, AttributeValue>>> conversation : rows.entrySet()) {
            String group = conversation.getKey();
            if (leftAlone.contains(group)) {
                continue;
            }
            Map<String, AttributeValue> message = newest.get(group);
            assertThat(conversation.getValue()).as("rows of %s", group)
                    .extracting(r -> r.get("pk").s()).doesNotHaveDuplicates().hasSize(2);
            assertThat(conversation.getValue()).as("rows of %s", group).allSatisfy(r -> {
                assertThat(r.get("sk").s()).isEqualTo(message.get("sk").s());
                assertThat(r.get("message").s()).isEqualTo(message.get("message").s());
            });
            checked++;
        }
        assertThat(checked).isGreaterThan(0);
    }

    @Test
    void theDiffNamesExactlyTheBrokenConversationsApplyFixesThemAndASecondRunFindsNothingToFix() {
        Map<Kind, Integer> counts = new LinkedHashMap<>();
        counts.put(Kind.HEALTHY, 200);
        counts.put(Kind.BEHIND, 40);
        counts.put(Kind.EDITED, 10);
        counts.put(Kind.DUPLICATE, 20);
        counts.put(Kind.ORPHAN, 15);
        counts.put(Kind.NO_ROWS, 5);
        List<Kind> kinds = kinds(counts, 12);
        String table = table(kinds);
        Set<String> leftAlone = new TreeSet<>(groupsOf(kinds, Kind.ORPHAN));
        leftAlone.addAll(groupsOf(kinds, Kind.NO_ROWS));
        List<String> orphansBefore = Items.scanAll(admin, table).stream()
                .filter(i -> leftAlone.contains(i.containsKey("message_group_uuid") ? i.get("message_group_uuid").s() : ""))
                .map(DynamoJson::format).toList();

        CliRun check = cli("reconcile", "--endpoint", endpoint, "--table", table, "--segments", "4");

        assertThat(check.code()).as(check.toString()).isZero();
        Map<String, Set<String>> expected = new TreeMap<>();
        expected.put("behind", groupsOf(kinds, Kind.BEHIND));
        expected.put("edited", groupsOf(kinds, Kind.EDITED));
        expected.put("duplicate", groupsOf(kinds, Kind.DUPLICATE));
        expected.put("orphan", groupsOf(kinds, Kind.ORPHAN));
        expected.put("no-rows", groupsOf(kinds, Kind.NO_ROWS));
        assertThat(findings(check)).isEqualTo(expected);
        assertThat(check.out()).contains(" · 4 segments", "290 conversations: 200 right, 40 behind, 10 edited,"
                + " 20 with duplicates, 15 orphaned, 5 without rows", "run with --apply to bring 70 conversations up to date");
        assertThat(check.outLines()).filteredOn(l -> l.startsWith("behind ")).first().asString()
                .contains("2 of 2 rows behind, newest message 20");

        CliRun apply = cli("reconcile", "--endpoint", endpoint, "--table", table, "--segments", "4", "--apply");

        assertThat(apply.code()).as(apply.toString()).isZero();
        assertThat(apply.out()).contains("applying: 70 conversations through the handler, in batches of 100",
                "reconcile --apply: 70 conversations in ", " · 70 fixed (80 rows re-created, 10 edited, 20 duplicates removed)"
                        + " · 0 already right · 0 not fixed");
        assertThat(apply.err()).contains("  applied 70/70 conversations · 70 fixed · 0 already right · 0 failed");
        assertEveryRowIsAtItsConversationsNewestMessage(table, leftAlone);
        assertThat(Items.scanAll(admin, table).stream()
                .filter(i -> leftAlone.contains(i.containsKey("message_group_uuid") ? i.get("message_group_uuid").s() : ""))
                .map(DynamoJson::format).toList()).as("orphans and conversations without rows, untouched")
                .isEqualTo(orphansBefore);

        // Again, in other segments and under a read limit: only what --apply leaves alone is named.
        CliRun again = cli("reconcile", "--endpoint", endpoint, "--table", table, "--segments", "3", "--rate", "500", "--apply");

        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(findings(again)).containsOnlyKeys("orphan", "no-rows");
        assertThat(again.out()).contains("at most 500 read units/s", "290 conversations: 270 right, 0 behind, 0 edited,"
                + " 0 with duplicates, 15 orphaned, 5 without rows", "reconcile --apply: nothing to apply");
    }

    @Test
    void oneConversationIsCheckedAndFixedWithoutAScan() {
        List<Kind> kinds = List.of(Kind.HEALTHY, Kind.BEHIND, Kind.HEALTHY);
        String table = table(kinds);

        CliRun run = cli("reconcile", "--endpoint", endpoint, "--table", table, "--group", group(1), "--apply");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(findings(run)).isEqualTo(Map.of("behind", Set.of(group(1))));
        assertThat(run.out()).contains(" · conversation " + group(1), "reconcile: 1 conversation: 0 right, 1 behind",
                "1 fixed (2 rows re-created, 0 edited, 0 duplicates removed)").doesNotContain("scanned");
        assertEveryRowIsAtItsConversationsNewestMessage(table, Set.of());
    }

    @Test
    void aLiveHandlerDeliveringNewMessagesDuringApplyLosesNothing() throws Exception {
        Map<Kind, Integer> counts = new LinkedHashMap<>();
        counts.put(Kind.BEHIND, 120);
        counts.put(Kind.DUPLICATE, 30);
        counts.put(Kind.HEALTHY, 50);
        List<Kind> kinds = kinds(counts, 7);
        String table = table(kinds);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger duringApply = new AtomicInteger();
        AtomicBoolean applying = new AtomicBoolean();
        // New messages, later than any in the table, never two at one instant.
        AtomicLong clock = new AtomicLong(BASE.plus(1, ChronoUnit.DAYS).toEpochMilli() * 1000);

        // The deployed function, live: the app puts a message, the stream delivers its record.
        CompletableFuture<Void> live = CompletableFuture.runAsync(() -> {
            Random random = new Random(42);
            try (DynamoDbClient client = dynamoDb.client()) {
                MessageGroupStreamHandler handler = new MessageGroupStreamHandler(client, Config.forTable(table));
                while (!stop.get()) {
                    int i = random.nextInt(kinds.size());
                    long micros = clock.addAndGet(1000 + random.nextInt(1000));
                    String sk = MessagesTable.sortKey(Instant.EPOCH.plus(micros, ChronoUnit.MICROS));
                    String text = "live " + micros;
                    client.putItem(b -> b.tableName(table).item(message(group(i), sk, text, user(participants(i)[0]))));
                    InvocationReport report;
                    do {
                        // Lambda delivers the record again until no batch item failure remains.
                        report = handler.process(StreamRecords.batch(StreamRecords.message(group(i), sk).text(text)
                                .sequenceNumber(Long.toString(micros)).build()), new LocalContext(line -> { }));
                    } while (!report.failedSequenceNumbers().isEmpty() && !stop.get());
                    delivered.incrementAndGet();
                    if (applying.get()) {
                        duringApply.incrementAndGet();
                    }
                }
            }
        });
        try {
            Thread.sleep(300);
            applying.set(true);
            CliRun apply = cli("reconcile", "--endpoint", endpoint, "--table", table, "--segments", "4", "--apply");
            applying.set(false);

            assertThat(apply.code()).as(apply.toString()).isZero();
            // Fewer than 150 when the live handler got to some before the scan.
            assertThat(apply.out()).containsPattern("applying: 1[0-5]\\d conversations").contains(" · 0 not fixed");
        } finally {
            Thread.sleep(200);
            stop.set(true);
            live.get(60, TimeUnit.SECONDS);
        }

        assertThat(duringApply.get()).as("messages the live handler delivered while reconcile ran").isGreaterThan(10);
        // No row missing, none doubled, every row at its conversation's newest message, whoever wrote it last.
        assertEveryRowIsAtItsConversationsNewestMessage(table, Set.of());
        CliRun after = cli("reconcile", "--endpoint", endpoint, "--table", table);
        assertThat(findings(after)).isEmpty();
        assertThat(after.out()).contains("200 conversations: 200 right");
    }
}
