package com.cruddur.messaging.bench.soak;

import com.cruddur.messaging.devkit.Items;
import com.cruddur.messaging.schema.MessagesTable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Cruddur app, as the soak drives it: users in conversations of two and more, each participant
 * with a conversation-list row (written when the conversation starts, before any message), then at
 * a steady rate writes of the app's three kinds, each to a conversation drawn uniformly:
 * {@value #MESSAGE_PERCENT}% new messages (a put that never overwrites, as {@code send}),
 * {@value #EDIT_PERCENT}% edits of the conversation's newest message (an update of its text: the
 * rows must show the new text) and the rest deletions of an earlier message (never the newest, so
 * the newest message still decides where the rows belong). Several app threads, each with its own
 * conversations, so that one conversation's writes go out in order.
 */
final class SoakApp {

    static final int MESSAGE_PERCENT = 80;
    static final int EDIT_PERCENT = 12;
    /** Earlier messages remembered per conversation, to delete from. */
    private static final int EARLIER_KEPT = 16;

    /** A conversation: its id, participants (indexes of users), and its messages' sort keys. */
    private static final class Conversation {
        final String group;
        final int[] participants;
        final Deque<String> earlier = new ArrayDeque<>();
        String newestSk;
        Instant last = Instant.EPOCH;

        Conversation(String group, int[] participants) {
            this.group = group;
            this.participants = participants;
        }
    }

    private final DynamoDbClient client;
    private final String table;
    private final SoakLedger ledger;
    private final Random random;
    private final long seed;
    private final List<String> users = new ArrayList<>();
    private final List<Conversation> conversations = new ArrayList<>();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong edits = new AtomicLong();
    final AtomicLong deletions = new AtomicLong();
    final AtomicLong failedWrites = new AtomicLong();
    /** Writes the app could not send on time (DynamoDB held it back), left out rather than sent in a burst. */
    final AtomicLong missed = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();

    SoakApp(DynamoDbClient client, String table, SoakLedger ledger, int conversationCount, long seed) {
        this.client = client;
        this.table = table;
        this.ledger = ledger;
        this.random = new Random(seed);
        this.seed = seed;
        // Many users, each in a few conversations: half again as many users as conversations.
        int userCount = Math.max(4, conversationCount * 3 / 2);
        for (int u = 0; u < userCount; u++) {
            users.add(UUID.randomUUID().toString());
        }
        for (int c = 0; c < conversationCount; c++) {
            // 70% two people, 20% three, 10% four to six.
            double p = random.nextDouble();
            int size = p < 0.7 ? 2 : p < 0.9 ? 3 : 4 + random.nextInt(3);
            conversations.add(new Conversation(UUID.randomUUID().toString(),
                    random.ints(0, userCount).distinct().limit(size).toArray()));
        }
    }

    /** The conversations' ids. */
    List<String> groups() {
        return conversations.stream().map(c -> c.group).toList();
    }

    /** Whether the conversation got a message (one without is only rows: reconcile calls it an orphan). */
    boolean hasMessages(String group) {
        return conversations.stream().anyMatch(c -> c.group.equals(group) && c.newestSk != null);
    }

    /** Starts the conversations: one row per participant, a day before the run, showing the next participant. */
    void startConversations() {
        Instant dayAgo = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        for (int n = 0; n < conversations.size(); n++) {
            Conversation c = conversations.get(n);
            // One owner's rows need distinct sort keys: each conversation started a millisecond apart.
            String startedAt = MessagesTable.sortKey(dayAgo.plusMillis(n));
            for (int i = 0; i < c.participants.length; i++) {
                int other = c.participants[(i + 1) % c.participants.length];
                Map<String, AttributeValue> row = new LinkedHashMap<>();
                row.put(MessagesTable.PK, s(MessagesTable.groupPk(users.get(c.participants[i]))));
                row.put(MessagesTable.SK, s(startedAt));
                row.put(MessagesTable.ATTR_MESSAGE_GROUP_UUID, s(c.group));
                row.put(MessagesTable.ATTR_MESSAGE, s("conversation started"));
                row.put(MessagesTable.ATTR_USER_UUID, s(users.get(other)));
                row.put(MessagesTable.ATTR_USER_DISPLAY_NAME, s("Soak User " + other));
                row.put(MessagesTable.ATTR_USER_HANDLE, s("soak_user_" + other));
                rows.add(row);
            }
        }
        Items.putAll(client, table, rows, n -> { });
    }

    /**
     * One of {@code writers} app threads: writes at {@code perSecond} to its share of the conversations
     * (every {@code writers}-th, so one conversation's writes stay in order) until {@code running}
     * says stop. A write that fails is counted and skipped; when DynamoDB holds the thread back more
     * than a second, the missed writes are not made up in a burst but counted ({@link #missed}).
     */
    void run(int writer, int writers, double perSecond, BooleanSupplier running) {
        List<Conversation> mine = new ArrayList<>();
        for (int i = writer; i < conversations.size(); i += writers) {
            mine.add(conversations.get(i));
        }
        if (mine.isEmpty()) {
            return;
        }
        Random draws = new Random(seed * 31 + writer);
        long period = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        while (running.getAsBoolean()) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else if (-wait > 1_000_000_000L) {
                missed.addAndGet(-wait / period);
                next = System.nanoTime();
            }
            next += period;
            Conversation c = mine.get(draws.nextInt(mine.size()));
            int kind = draws.nextInt(100);
            try {
                if (kind >= MESSAGE_PERCENT + EDIT_PERCENT && !c.earlier.isEmpty()) {
                    delete(c, draws);
                } else if (kind >= MESSAGE_PERCENT && c.newestSk != null) {
                    edit(c, sequence.getAndIncrement());
                } else {
                    message(c, sequence.getAndIncrement(), draws);
                }
            } catch (RuntimeException e) {
                failedWrites.incrementAndGet();
            }
        }
    }

    private void message(Conversation c, long sequence, Random draws) {
        // Later than the conversation's last message, even within one microsecond.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (!at.isAfter(c.last)) {
            at = c.last.plus(1, ChronoUnit.MICROS);
        }
        String sk = MessagesTable.sortKey(at);
        int sender = c.participants[draws.nextInt(c.participants.length)];
        String text = "soak message " + sequence;
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(MessagesTable.PK, s(MessagesTable.messagePk(c.group)));
        item.put(MessagesTable.SK, s(sk));
        item.put(MessagesTable.ATTR_MESSAGE_UUID, s(UUID.randomUUID().toString()));
        item.put(MessagesTable.ATTR_MESSAGE, s(text));
        item.put(MessagesTable.ATTR_USER_UUID, s(users.get(sender)));
        item.put(MessagesTable.ATTR_USER_DISPLAY_NAME, s("Soak User " + sender));
        item.put(MessagesTable.ATTR_USER_HANDLE, s("soak_user_" + sender));
        String key = SoakLedger.key(MessagesTable.messagePk(c.group), sk, text);
        ledger.written(c.group, key, System.nanoTime());
        try {
            // A message is never overwritten, as the app and send write it.
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (RuntimeException e) {
            ledger.notWritten(c.group, key);
            throw e;
        }
        c.last = at;
        if (c.newestSk != null) {
            c.earlier.addLast(c.newestSk);
            if (c.earlier.size() > EARLIER_KEPT) {
                c.earlier.removeFirst();
            }
        }
        c.newestSk = sk;
        messages.incrementAndGet();
    }

    private void edit(Conversation c, long sequence) {
        String text = "soak edit " + sequence;
        String key = SoakLedger.key(MessagesTable.messagePk(c.group), c.newestSk, text);
        ledger.written(c.group, key, System.nanoTime());
        try {
            client.updateItem(b -> b.tableName(table)
                    .key(Map.of(MessagesTable.PK, s(MessagesTable.messagePk(c.group)), MessagesTable.SK, s(c.newestSk)))
                    .updateExpression("SET #m = :m").conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#m", MessagesTable.ATTR_MESSAGE))
                    .expressionAttributeValues(Map.of(":m", s(text))));
        } catch (RuntimeException e) {
            ledger.notWritten(c.group, key);
            throw e;
        }
        edits.incrementAndGet();
    }

    private void delete(Conversation c, Random draws) {
        List<String> earlier = new ArrayList<>(c.earlier);
        String sk = earlier.get(draws.nextInt(earlier.size()));
        c.earlier.remove(sk);
        // A REMOVE: the deployed filter keeps it from the handler; nothing to wait for.
        client.deleteItem(b -> b.tableName(table)
                .key(Map.of(MessagesTable.PK, s(MessagesTable.messagePk(c.group)), MessagesTable.SK, s(sk))));
        deletions.incrementAndGet();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
