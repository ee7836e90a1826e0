package com.cruddur.messaging.local.table;

import com.cruddur.messaging.local.mapping.StreamEvents;
import com.cruddur.messaging.local.mapping.StreamPoller;
import com.cruddur.messaging.local.table.Conversations.Row;
import com.cruddur.messaging.ops.CliException;
import com.cruddur.messaging.ops.ExitCode;
import com.cruddur.messaging.ops.HandlerCommand;
import com.cruddur.messaging.ops.HandlerReport;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.ops.Plural;
import com.cruddur.messaging.ops.Style;
import com.cruddur.messaging.ops.Target;
import com.cruddur.messaging.ops.Targets;
import com.cruddur.messaging.ops.Usage;
import com.cruddur.messaging.ops.delivery.DeliverySettings;
import com.cruddur.messaging.ops.delivery.EventFilter;
import com.cruddur.messaging.ops.delivery.MappingDelivery;
import com.cruddur.messaging.schema.MessagesTable;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * {@code send}: access pattern C, a new message item in a conversation. Embedded, it then plays
 * the event source mapping for the stream records its put produced, so the whole loop (put,
 * stream, filter, handler, conversation lists) shows in one command.
 */
@Command(customSynopsis = {"send --group UUID --user UUID --text TEXT [--endpoint URL] [--table NAME]",
            "            [--write-mode MODE] [--verbose]"},
        description = {
            """
                    Puts a message item (pk MSG#<group>, sk = now as created_at, a fresh message_uuid, the text and
                    the sender's user_uuid, display name and handle, looked up from the conversation's rows). The
                    sender must be a participant of the conversation.

                    Embedded (the default), it then reads the stream records the put produced, applies the
                    deployed event filter, invokes the handler as the event source mapping would, and shows the
                    participants' conversation lists before and after. With --endpoint it only puts the item:
                    a watch --endpoint running against the same DynamoDB Local delivers it, as Lambda does in AWS.
                    Refused with --aws: it would post into a real conversation."""},
        footer = {"example:",
            "  ./dev send --group 5ae290ed-55d1-47a0-bc6d-fe2bc2700399 --user 2f6a8f0e-5b1c-4c3e-8d7a-1b2c3d4e5f60 \\",
            "      --text \"Running late, save me a seat\""})
public final class SendCommand extends HandlerCommand {

    /** The sort key format of the app: microseconds and an explicit UTC offset. */
    /** How long to wait for the put's stream record on DynamoDB Local. */
    private static final long STREAM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    @Option(names = "--group", paramLabel = "UUID", required = true, converter = Usage.UuidText.class,
            description = "the conversation (message_group_uuid)")
    private String group;

    @Option(names = "--user", paramLabel = "UUID", required = true, converter = Usage.UuidText.class,
            description = "the sender (user_uuid), a participant of the conversation")
    private String user;

    @Option(names = "--text", paramLabel = "TEXT", required = true, description = "the message")
    private String text;

    @Override
    protected ExitCode run(Io io, Target.Spec spec) {
        if (text.isBlank()) {
            throw usageError("missing required option --text");
        }
        PrintStream out = io.out();
        Style style = io.style();
        try (Targets.Opened opened = Targets.open(spec, Target.Embedded.SAMPLE, out, io)) {
            Target target = opened.target();
            DynamoDbClient client = opened.client();
            target.requireTable(client);
            Conversations conversations = new Conversations(client, target.table());

            List<Map<String, AttributeValue>> rows = conversations.groupRows(group);
            if (rows.isEmpty()) {
                throw new InputException("conversation " + group + " has no conversation-list rows in table "
                        + target.table() + " (seed it first?)");
            }
            Map<String, AttributeValue> senderSeenByPartner = rows.stream()
                    .filter(r -> user.equals(Conversations.s(r, MessagesTable.ATTR_USER_UUID)))
                    .findFirst()
                    .orElseThrow(() -> new InputException("user " + user + " is not a participant of conversation " + group));
            Conversations.People people = conversations.participants(List.of(group));
            Map<String, List<Row>> before = new LinkedHashMap<>();
            if (target.embedded()) {
                for (String owner : people.ownersWithLast(Set.of(user))) {
                    before.put(owner, conversations.listOf(owner));
                }
            }

            Map<String, AttributeValue> item = new LinkedHashMap<>();
            String createdAt = MessagesTable.sortKey(Instant.now());
            String messageUuid = UUID.randomUUID().toString();
            item.put(MessagesTable.PK, AttributeValue.fromS(MessagesTable.messagePk(group)));
            item.put(MessagesTable.SK, AttributeValue.fromS(createdAt));
            item.put(MessagesTable.ATTR_MESSAGE_UUID, AttributeValue.fromS(messageUuid));
            item.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS(text));
            item.put(MessagesTable.ATTR_USER_UUID, AttributeValue.fromS(user));
            item.put(MessagesTable.ATTR_USER_DISPLAY_NAME, senderSeenByPartner.get(MessagesTable.ATTR_USER_DISPLAY_NAME));
            item.put(MessagesTable.ATTR_USER_HANDLE, senderSeenByPartner.get(MessagesTable.ATTR_USER_HANDLE));
            item.values().removeIf(v -> v == null);
            // A message is never overwritten, even by a send in the same microsecond.
            client.putItem(b -> b.tableName(target.table()).item(item).conditionExpression("attribute_not_exists(pk)"));
            out.println("sent message " + messageUuid + " from " + people.label(user, style) + " to conversation "
                    + group + " at " + createdAt + ": \"" + style.clip(text, 60) + "\"");

            if (!target.embedded()) {
                out.println("not delivered here: a watch --endpoint " + target.endpoint()
                        + " delivers it to the handler, as the event source mapping does in AWS");
                return ExitCode.OK;
            }
            return deliver(opened, item, people, before, io);
        }
    }

    /** Plays the event source mapping for the put's stream records, then shows the lists. */
    private ExitCode deliver(Targets.Opened opened, Map<String, AttributeValue> item, Conversations.People people,
                            Map<String, List<Row>> before, Io io) {
        Target target = opened.target();
        PrintStream out = io.out();
        Style style = io.style();
        String streamArn = opened.client().describeTable(b -> b.tableName(target.table())).table().latestStreamArn();
        StreamPoller.Batch found = recordsOf(new StreamPoller(target.streams(), streamArn, ShardIteratorType.TRIM_HORIZON),
                item.get(MessagesTable.PK).s(), item.get(MessagesTable.SK).s());
        List<Record> produced = found.records();
        if (produced.isEmpty()) {
            throw new CliException(ExitCode.STREAM_ERROR, "the put's stream record did not appear within 10 s");
        }
        out.println(style.bullet() + " stream: " + Plural.of(produced.size(), "record") + " ("
                + produced.getFirst().eventNameAsString() + " " + item.get(MessagesTable.PK).s()
                + ") through the deployed filter to the handler, as the event source mapping delivers it");
        // As deployed, but without a failure destination: what it gives up on, it says here.
        MappingDelivery mapping = new MappingDelivery(invoker(target, io)::invoke,
                EventFilter.DEPLOYED, streamArn, DeliverySettings.DEPLOYED,
                MappingDelivery.OnFailure.NONE);
        MappingDelivery.Result delivery = mapping.deliver(found.shardId(),
                StreamEvents.recordNodes(produced, streamArn), (retry, records, report) -> {
            HandlerReport.print(out, "  " + (retry > 0 ? "retry " + retry + ": " : ""), report, style);
        });
        if (!delivery.invoked()) {
            out.println("  the filter dropped it: the handler was not invoked");
        }
        Set<String> changed = Set.of(item.get(MessagesTable.PK).s().substring(MessagesTable.MESSAGE_PREFIX.length()));
        for (Map.Entry<String, List<Row>> entry : before.entrySet()) {
            ConversationLists.beforeAfter(out, "  ", people.label(entry.getKey(), style), entry.getValue(),
                    new Conversations(opened.client(), target.table()).listOf(entry.getKey()), changed, style);
        }
        return delivery.gaveUp().isEmpty() ? ExitCode.OK : ExitCode.HANDLER_FAILURES;
    }

    /** The stream records of one item's writes, and their shard, read from the start of the stream of a fresh table. */
    private static StreamPoller.Batch recordsOf(StreamPoller poller, String pk, String sk) {
        List<Record> found = new ArrayList<>();
        String shardId = null;
        long deadline = System.nanoTime() + STREAM_WAIT_NANOS;
        while (System.nanoTime() < deadline) {
            boolean any = false;
            for (StreamPoller.Batch batch : poller.poll(1000)) {
                any = true;
                for (Record record : batch.records()) {
                    Map<String, AttributeValue> keys = record.dynamodb().keys();
                    if (pk.equals(keys.get(MessagesTable.PK).s()) && sk.equals(keys.get(MessagesTable.SK).s())) {
                        found.add(record);
                        shardId = batch.shardId();
                    }
                }
            }
            if (!found.isEmpty() && !any) {
                return new StreamPoller.Batch(shardId, found);
            }
            if (!any) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new StreamPoller.Batch(shardId, found);
                }
            }
        }
        return new StreamPoller.Batch(shardId, found);
    }
}
