package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.schema.MessagesTable;
import com.cruddur.messaging.stream.ConversationCheck;
import com.cruddur.messaging.stream.ItemSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The capacity a strategy consumes on a workload, <em>computed</em> from DynamoDB's documented
 * rules, not measured. Item sizes are the handler's one implementation of "DynamoDB item sizes and
 * formats" ({@link ItemSize}); the rest, from the developer guide:
 * <ul>
 *   <li>a write costs one unit per KB of the item, rounded up per item: a put, the larger of the
 *       item it replaces and the new one; a delete, the deleted item ("DynamoDB read and write
 *       operations");</li>
 *   <li>a write of an item the global secondary index holds (it has the index's key; the index
 *       projects every attribute) writes the index too, by the same rule;</li>
 *   <li>a transactional write costs two units per KB ("Amazon DynamoDB Transactions: How it works",
 *       capacity management: a prepare and a commit write per item). The pages do not say whether the
 *       index's writes of a transaction are doubled; this model doubles them (an upper bound), and
 *       DynamoDB Local's figure for a transaction follows no rule that could tell
 *       ({@code CapacityModelIT});</li>
 *   <li>a query returns pages of at most 1 MB ("Paginating table query results in DynamoDB"); each
 *       page costs one unit per 4 KB of its items' total size, rounded up, and half that when
 *       eventually consistent, as a query of an index always is.</li>
 * </ul>
 * The handler's strategies coalesce a batch as the handler does ({@link ConversationCheck}); the
 * original design handles every record. Only the workloads' shapes are modelled: every row of a
 * conversation re-created once per update, no collisions, no failed conditions.
 */
final class CapacityModel {

    private static final long KB = 1024;
    /** The most a page of a query holds. */
    static final long PAGE_BYTES = 1024 * KB;

    private CapacityModel() {
    }

    /** Write units of one plain write of an item of this size. */
    static double writeUnits(long itemBytes) {
        return Math.max(1, Math.ceil(itemBytes / (double) KB));
    }

    /** Write units of one write of an item of this size inside a transaction. */
    static double transactionalWriteUnits(long itemBytes) {
        return 2 * writeUnits(itemBytes);
    }

    /** An eventually consistent query of an index returning these items, in order, page by page. */
    static double queryReadUnits(List<Map<String, AttributeValue>> items) {
        double units = 0;
        for (List<Map<String, AttributeValue>> page : pages(items)) {
            long bytes = page.stream().mapToLong(ItemSize::of).sum();
            units += Math.ceil(bytes / (4.0 * KB)) / 2;
        }
        return units;
    }

    /** The pages a query returns the items in: each as many as fit within {@link #PAGE_BYTES}. */
    static List<List<Map<String, AttributeValue>>> pages(List<Map<String, AttributeValue>> items) {
        List<List<Map<String, AttributeValue>>> pages = new ArrayList<>();
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : items) {
            long size = ItemSize.of(item);
            if (!page.isEmpty() && bytes + size > PAGE_BYTES) {
                pages.add(page);
                page = new ArrayList<>();
                bytes = 0;
            }
            page.add(item);
            bytes += size;
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    /** The units a strategy consumes delivering these batches of this workload to {@code table}, from its rows as loaded. */
    static CapacityMeter.Units expected(Strategy strategy, Workload workload, List<DynamodbEvent> batches, String table) {
        Map<String, List<Map<String, AttributeValue>>> rowsByGroup = new LinkedHashMap<>();
        for (Map<String, AttributeValue> row : workload.rows()) {
            rowsByGroup.computeIfAbsent(row.get(MessagesTable.ATTR_MESSAGE_GROUP_UUID).s(), g -> new ArrayList<>()).add(row);
        }
        Tally tally = new Tally();
        for (DynamodbEvent batch : batches) {
            if (strategy == Strategy.ORIGINAL) {
                for (DynamodbStreamRecord record : batch.getRecords()) {
                    String pk = record.getDynamodb().getKeys().get(MessagesTable.PK).getS();
                    update(strategy, rowsByGroup.get(pk.substring(MessagesTable.MESSAGE_PREFIX.length())),
                            record.getDynamodb().getKeys().get(MessagesTable.SK).getS(),
                            record.getDynamodb().getNewImage().get(MessagesTable.ATTR_MESSAGE).getS(), tally);
                }
            } else {
                for (ConversationCheck.Newest newest : ConversationCheck.newestPerConversation(batch, table)) {
                    update(strategy, rowsByGroup.get(newest.messageGroupUuid()), newest.sortKey(), newest.text(), tally);
                }
            }
        }
        return new CapacityMeter.Units(0, tally.indexRead, tally.tableWrite, tally.indexWrite, 0, 0);
    }

    /** One conversation's update to the message at {@code sortKey}: the index query, then each row moved. */
    private static void update(Strategy strategy, List<Map<String, AttributeValue>> rows, String sortKey, String text,
                               Tally tally) {
        tally.indexRead += queryReadUnits(rows);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, AttributeValue> old = rows.get(i);
            if (strategy != Strategy.ORIGINAL && old.get(MessagesTable.SK).s().compareTo(sortKey) >= 0) {
                continue; // the handler never moves a row backwards; the original moves it regardless
            }
            Map<String, AttributeValue> moved = new LinkedHashMap<>(old);
            moved.put(MessagesTable.SK, AttributeValue.fromS(sortKey));
            moved.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS(text));
            // The delete of the old row and the put of the new one (a new key: no item there to replace),
            // each in the table and in the index.
            double units = strategy == Strategy.TRANSACTIONAL
                    ? transactionalWriteUnits(ItemSize.of(old)) + transactionalWriteUnits(ItemSize.of(moved))
                    : writeUnits(ItemSize.of(old)) + writeUnits(ItemSize.of(moved));
            tally.tableWrite += units;
            tally.indexWrite += units;
            rows.set(i, moved);
        }
    }

    private static final class Tally {
        double indexRead;
        double tableWrite;
        double indexWrite;
    }
}
