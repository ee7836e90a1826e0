package com.cruddur.messaging.local.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.cruddur.messaging.devkit.CapacityMeter;
import com.cruddur.messaging.devkit.Workload;
import com.cruddur.messaging.schema.MessagesTable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The capacity a strategy consumes on a workload, computed from DynamoDB's documented rules
 * rather than measured: what the benchmark would report on a DynamoDB that returns no
 * ConsumedCapacity, and the check that DynamoDB Local's figures follow those rules.
 *
 * <p>The rules (DynamoDB developer guide, "Read/write capacity mode" and "Item sizes"):
 * <ul>
 *   <li>a write costs one unit per KB of the item, rounded up (a put: the larger of the old and
 *       the new item under the key; a delete: the deleted item); a transactional write costs
 *       twice that;</li>
 *   <li>a write to a table with a global secondary index that projects every attribute writes the
 *       index too: the index entry's size, by the same rule (twice in a transaction);</li>
 *   <li>a query costs one read unit per 4 KB of everything it returns, rounded up once per page;
 *       an eventually consistent read (an index is always read so) costs half;</li>
 *   <li>an item's size is the UTF-8 length of its attribute names and values; a number about one
 *       byte per two significant digits plus one; booleans and nulls one byte; lists and maps
 *       three bytes plus one per element.</li>
 * </ul>
 * Only the workloads' shapes are modelled: every conversation's rows re-created once per update,
 * no collisions, no failed conditions.
 */
final class CapacityModel {

    private static final double KB = 1024;

    private CapacityModel() {
    }

    /** The units a strategy consumes delivering these batches of this workload, from its rows as loaded. */
    static CapacityMeter.Units expected(Strategy strategy, Workload workload, List<DynamodbEvent> batches) {
        Map<String, List<Map<String, AttributeValue>>> rowsByGroup = new LinkedHashMap<>();
        for (Map<String, AttributeValue> row : workload.rows()) {
            rowsByGroup.computeIfAbsent(row.get(MessagesTable.ATTR_MESSAGE_GROUP_UUID).s(), g -> new ArrayList<>()).add(row);
        }
        Tally tally = new Tally();
        for (DynamodbEvent batch : batches) {
            if (strategy == Strategy.ORIGINAL) {
                for (DynamodbStreamRecord record : batch.getRecords()) {
                    update(strategy, rowsByGroup, record, tally);
                }
            } else {
                // The handler keeps each conversation's newest message of the batch.
                Map<String, DynamodbStreamRecord> newest = new LinkedHashMap<>();
                for (DynamodbStreamRecord record : batch.getRecords()) {
                    newest.merge(group(record), record, (a, b) -> sortKey(b).compareTo(sortKey(a)) >= 0 ? b : a);
                }
                newest.values().forEach(record -> update(strategy, rowsByGroup, record, tally));
            }
        }
        return new CapacityMeter.Units(0, tally.indexRead, tally.tableWrite, tally.indexWrite, 0, 0);
    }

    private static void update(Strategy strategy, Map<String, List<Map<String, AttributeValue>>> rowsByGroup,
                               DynamodbStreamRecord record, Tally tally) {
        List<Map<String, AttributeValue>> rows = rowsByGroup.get(group(record));
        tally.indexRead += queryReadUnits(rows);
        int factor = strategy == Strategy.TRANSACTIONAL ? 2 : 1;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, AttributeValue> old = rows.get(i);
            if (strategy != Strategy.ORIGINAL && old.get(MessagesTable.SK).s().compareTo(sortKey(record)) >= 0) {
                continue; // the handler never moves a row backwards; the original moves it regardless
            }
            Map<String, AttributeValue> moved = new LinkedHashMap<>(old);
            moved.put(MessagesTable.SK, AttributeValue.fromS(sortKey(record)));
            moved.put(MessagesTable.ATTR_MESSAGE, AttributeValue.fromS(
                    record.getDynamodb().getNewImage().get(MessagesTable.ATTR_MESSAGE).getS()));
            // The delete of the old row and the put of the new one (a new key: no old item there),
            // each in the table and in the index that projects every attribute.
            double units = writeUnits(itemBytes(old)) + writeUnits(itemBytes(moved));
            tally.tableWrite += factor * units;
            tally.indexWrite += factor * units;
            rows.set(i, moved);
        }
    }

    /** An eventually consistent query of the index returning these rows, on one page. */
    static double queryReadUnits(List<Map<String, AttributeValue>> rows) {
        long bytes = rows.stream().mapToLong(CapacityModel::itemBytes).sum();
        return Math.ceil(bytes / (4 * KB)) / 2;
    }

    /** Write units of one plain write of an item of this size. */
    static double writeUnits(long itemBytes) {
        return Math.max(1, Math.ceil(itemBytes / KB));
    }

    /**
     * An item's size by DynamoDB's rules, exactly (numbers by their digits, one byte per list or
     * map element), as DynamoDB bills it. The handler's {@code ItemSize} is deliberately an upper
     * bound instead (every number 21 bytes), which is all a transaction's size limit needs.
     */
    static long itemBytes(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueBytes(attribute.getValue());
        }
        return size;
    }

    private static long valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return numberBytes(value.n());
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.bool() != null || value.nul() != null) {
            return 1;
        }
        long size = 3;
        if (value.hasSs()) {
            for (String s : value.ss()) {
                size += utf8(s);
            }
        } else if (value.hasNs()) {
            for (String n : value.ns()) {
                size += numberBytes(n);
            }
        } else if (value.hasBs()) {
            for (SdkBytes b : value.bs()) {
                size += b.asByteArrayUnsafe().length;
            }
        } else if (value.hasL()) {
            for (AttributeValue element : value.l()) {
                size += 1 + valueBytes(element);
            }
        } else if (value.hasM()) {
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += 1 + utf8(entry.getKey()) + valueBytes(entry.getValue());
            }
        }
        return size;
    }

    private static long numberBytes(String number) {
        String digits = new BigDecimal(number).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String group(DynamodbStreamRecord record) {
        return record.getDynamodb().getKeys().get(MessagesTable.PK).getS().substring(MessagesTable.MESSAGE_PREFIX.length());
    }

    private static String sortKey(DynamodbStreamRecord record) {
        return record.getDynamodb().getKeys().get(MessagesTable.SK).getS();
    }

    private static final class Tally {
        double indexRead;
        double tableWrite;
        double indexWrite;
    }
}
