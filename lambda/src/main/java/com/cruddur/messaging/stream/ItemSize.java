package com.cruddur.messaging.stream;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size in bytes as DynamoDB computes it for its 400 KB item limit and its capacity units
 * (DynamoDB developer guide, "DynamoDB item sizes and formats"): the one implementation of those
 * rules, for the handler's limits and the benchmark's capacity model alike.
 * <ul>
 *   <li>each attribute: the UTF-8 bytes of its name plus the size of its value;</li>
 *   <li>a string: its UTF-8 bytes; a binary value: its raw bytes (not its base64);</li>
 *   <li>a number: 1 byte per two significant digits (leading and trailing zeroes trimmed), plus 1;</li>
 *   <li>a Boolean or a null: 1 byte;</li>
 *   <li>a list or a map: 3 bytes, plus 1 byte and the size of each element (a map's element
 *       also with its key's UTF-8 bytes);</li>
 *   <li>a set: the sizes of its elements, by the rules of their type. The page names no overhead of
 *       its own for sets, and DynamoDB Local 2.6.1's consumed capacity counts none
 *       ({@code CapacityModelIT} holds both to that).</li>
 * </ul>
 */
public final class ItemSize {

    private ItemSize() {
    }

    /** The item's size in bytes. */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    /**
     * One value's size in bytes, without an attribute name. Loops and null checks rather than
     * streams and a switch on the value's type: this runs for every row the handler moves, and in
     * a cold start each stream stage or switch map is classes to load.
     */
    static long of(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return number(value.n());
        }
        if (value.b() != null) {
            return bytes(value.b());
        }
        if (value.bool() != null || value.nul() != null) {
            return 1;
        }
        long size = 0;
        if (value.hasSs()) {
            for (String s : value.ss()) {
                size += utf8(s);
            }
        } else if (value.hasNs()) {
            for (String n : value.ns()) {
                size += number(n);
            }
        } else if (value.hasBs()) {
            for (SdkBytes b : value.bs()) {
                size += bytes(b);
            }
        } else if (value.hasL()) {
            size = 3;
            for (AttributeValue element : value.l()) {
                size += 1 + of(element);
            }
        } else if (value.hasM()) {
            size = 3;
            for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                size += 1 + utf8(entry.getKey()) + of(entry.getValue());
            }
        } else {
            throw new IllegalArgumentException("a value of a type this SDK does not know");
        }
        return size;
    }

    /**
     * 1 byte per two significant digits, rounded up, plus 1: the mantissa's digits (sign, decimal
     * point and exponent aside) from its first non-zero digit to its last; zero has one.
     */
    static long number(String number) {
        int end = number.length();
        for (int i = 0; i < number.length(); i++) {
            if (number.charAt(i) == 'e' || number.charAt(i) == 'E') {
                end = i;
                break;
            }
        }
        int digits = 0;
        int significant = 0;
        boolean started = false;
        for (int i = 0; i < end; i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            if (c != '0') {
                started = true;
            }
            if (started) {
                digits++;
                if (c != '0') {
                    significant = digits;
                }
            }
        }
        return (Math.max(1, significant) + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes b) {
        return b.asByteArrayUnsafe().length;
    }
}
