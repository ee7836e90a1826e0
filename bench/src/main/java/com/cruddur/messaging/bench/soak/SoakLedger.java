package com.cruddur.messaging.bench.soak;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.stream.InvocationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What the soak measures, in-process (stream timestamps have one-second resolution): the writer
 * notes when it wrote each message or edit, the handler's report tells when its conversation was
 * updated. A write is known by its item's key and text, as its stream record carries them.
 * Thread-safe (one lock): the writer, the mapping's thread and the reporter share it.
 */
final class SoakLedger {

    /** An iterator-age sample: when (nanoTime) a batch was delivered, and how old its newest record was. */
    record AgeSample(long atNanos, long ageNanos) {
    }

    /** A write waited for: its identity and when it was sent (nanoTime). */
    private record Write(String key, long atNanos) {
    }

    /** Writes not yet applied nor given up on, per conversation, in the order they were written. */
    private final Map<String, Deque<Write>> pending = new HashMap<>();
    /** The same writes by identity: when each was sent. */
    private final Map<String, Long> sent = new HashMap<>();
    private final List<Long> latencies = new ArrayList<>();
    private final List<AgeSample> ages = new ArrayList<>();
    private long appliedCount;

    /** The identity of a write, as its stream record shows it. */
    static String key(String pk, String sk, String text) {
        return pk + '\u0000' + sk + '\u0000' + text;
    }

    /** The writer is about to send this write to the conversation. */
    synchronized void written(String group, String key, long atNanos) {
        pending.computeIfAbsent(group, g -> new ArrayDeque<>()).addLast(new Write(key, atNanos));
        sent.put(key, atNanos);
    }

    /** The writer's request failed: nothing to wait for. */
    synchronized void notWritten(String group, String key) {
        pending.getOrDefault(group, new ArrayDeque<>()).removeIf(w -> w.key().equals(key));
        sent.remove(key);
    }

    /** A batch is about to be invoked: samples the iterator age (now minus the newest record's write time). */
    synchronized void delivering(DynamodbEvent event, long nowNanos) {
        long newest = Long.MIN_VALUE;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            Long at = sent.get(key(record));
            if (at != null) {
                newest = Math.max(newest, at);
            }
        }
        if (newest != Long.MIN_VALUE) {
            ages.add(new AgeSample(nowNanos, nowNanos - newest));
        }
    }

    /**
     * The handler returned: a conversation it updated (or found up to date) has its rows at the
     * newest of its records in the batch, so every write to it up to that one is applied now (the
     * earlier ones superseded: the mapping checkpoints them with the batch), its latency the time
     * since it was written.
     */
    synchronized void applied(DynamodbEvent event, InvocationReport report, long nowNanos) {
        Set<String> done = report.groups().stream().filter(g -> !g.failed())
                .map(InvocationReport.GroupOutcome::messageGroupUuid).collect(Collectors.toSet());
        Map<String, Long> newestPerGroup = new HashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            String key = key(record);
            Long at = sent.get(key);
            String group = group(key);
            if (at != null && done.contains(group)) {
                newestPerGroup.merge(group, at, Math::max);
            }
        }
        newestPerGroup.forEach((group, upTo) -> settle(group, upTo, w -> {
            latencies.add(nowNanos - w.atNanos());
            appliedCount++;
        }));
    }

    /** The mapping gave up on these records (each as Lambda delivers it): they, and what they supersede, go to the redrive. */
    synchronized void gaveUp(List<String> keys) {
        for (String key : keys) {
            Long at = sent.get(key);
            if (at != null) {
                settle(group(key), at, w -> { });
            }
        }
    }

    /** Writes still waited for: written, not applied, not given up on. */
    synchronized long outstanding() {
        return sent.size();
    }

    synchronized long appliedCount() {
        return appliedCount;
    }

    private void settle(String group, long upTo, Consumer<Write> each) {
        Deque<Write> writes = pending.getOrDefault(group, new ArrayDeque<>());
        while (!writes.isEmpty() && writes.peekFirst().atNanos() <= upTo) {
            Write write = writes.removeFirst();
            sent.remove(write.key());
            each.accept(write);
        }
    }

    /** The conversation of a write's identity. */
    private static String group(String key) {
        return key.substring(MessagesTable.MESSAGE_PREFIX.length(), key.indexOf('\u0000'));
    }

    /** Latencies (ns) recorded from index {@code from} on, sorted: a reporting window's or the whole run's. */
    synchronized long[] latenciesFrom(int from) {
        long[] window = latencies.subList(Math.min(from, latencies.size()), latencies.size()).stream()
                .mapToLong(Long::longValue).toArray();
        Arrays.sort(window);
        return window;
    }

    synchronized List<AgeSample> ages() {
        return List.copyOf(ages);
    }

    static String key(DynamodbEvent.DynamodbStreamRecord record) {
        Map<String, AttributeValue> keys = record.getDynamodb().getKeys();
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        return key(string(keys, MessagesTable.PK), string(keys, MessagesTable.SK),
                image == null ? null : string(image, MessagesTable.ATTR_MESSAGE));
    }

    /** The same identity, of a record as a failure object holds it. */
    static String key(JsonNode record) {
        JsonNode stream = record.path("dynamodb");
        JsonNode text = stream.path("NewImage").path(MessagesTable.ATTR_MESSAGE).path("S");
        return key(stream.path("Keys").path(MessagesTable.PK).path("S").asText(null),
                stream.path("Keys").path(MessagesTable.SK).path("S").asText(null), text.isTextual() ? text.textValue() : null);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null ? null : value.getS();
    }
}
