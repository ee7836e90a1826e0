package com.cruddur.messaging.stream;

import java.math.BigDecimal;
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

    /** One value's size in bytes, without an attribute name. */
    static long of(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> bytes(value.b());
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> value.bs().stream().mapToLong(ItemSize::bytes).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + of(element)).sum();
            case M -> 3 + value.m().entrySet().stream()
                    .mapToLong(entry -> 1 + utf8(entry.getKey()) + of(entry.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("a value of a type this SDK does not know");
        };
    }

    /** 1 byte per two significant digits, rounded up, plus 1. */
    private static long number(String number) {
        BigDecimal value = new BigDecimal(number);
        int digits = value.signum() == 0 ? 1 : value.stripTrailingZeros().unscaledValue().abs().toString().length();
        return (digits + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static long bytes(SdkBytes b) {
        return b.asByteArrayUnsafe().length;
    }
}
