package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.RowAction.Recreate;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An upper estimate of the bytes an action adds to a transaction, after DynamoDB's item-size
 * rules (names and values in UTF-8, numbers up to 21 bytes, 3 bytes of overhead per list or map
 * element), to keep each transaction under its 4 MB limit.
 */
final class ItemSize {

    private ItemSize() {
    }

    /** The row appears in the condition; a re-creation also carries the new item. */
    static long estimate(RowAction action) {
        long row = of(action.row().item());
        return action instanceof Recreate recreate ? row + of(recreate.replacement().item()) : row * 2;
    }

    static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    private static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return 21;
        }
        if (value.b() != null) {
            return bytes(value.b());
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
            size += 21L * value.ns().size();
        } else if (value.hasBs()) {
            for (SdkBytes b : value.bs()) {
                size += bytes(b);
            }
        } else if (value.hasL()) {
            for (AttributeValue element : value.l()) {
                size += 3 + of(element);
            }
        } else if (value.hasM()) {
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += 3 + utf8(entry.getKey()) + of(entry.getValue());
            }
        }
        return size;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes b) {
        return b.asByteArrayUnsafe().length;
    }
}
