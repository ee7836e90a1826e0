package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sizes worked out by hand from "DynamoDB item sizes and formats" (developer guide); each expected
 * figure is the arithmetic in its comment, not the code's.
 */
class ItemSizeTest {

    @Test
    void aStringCountsItsUtf8BytesAndItsNamesBytes() {
        // "pk" 2 + "GRP#u" 5; "message" 7 + "héllo" 6 (é is two bytes in UTF-8)
        assertThat(ItemSize.of(item("pk", AttributeValue.fromS("GRP#u"), "message", AttributeValue.fromS("héllo"))))
                .isEqualTo(2 + 5 + 7 + 6);
    }

    @Test
    void aNumberCountsOneBytePerTwoSignificantDigitsPlusOne() {
        // "n" 1 + 38 digits: 19 + 1 = 21
        assertThat(ItemSize.of(item("n", AttributeValue.fromN("12345678901234567890123456789012345678")))).isEqualTo(21);
        // 7: one digit, rounded up to 1 byte, + 1 = 2; with "n": 3
        assertThat(ItemSize.of(item("n", AttributeValue.fromN("7")))).isEqualTo(3);
        // 1000000 and 0.00100: trailing and leading zeroes trimmed, one significant digit: 2; with "n": 3
        assertThat(ItemSize.of(item("n", AttributeValue.fromN("1000000")))).isEqualTo(3);
        assertThat(ItemSize.of(item("n", AttributeValue.fromN("0.00100")))).isEqualTo(3);
        // -12.345: five significant digits: 3 + 1 = 4; with "n": 5
        assertThat(ItemSize.of(item("n", AttributeValue.fromN("-12.345")))).isEqualTo(5);
        // Zero has one digit; an exponent and the zeroes around the significant digits count nothing.
        assertThat(ItemSize.number("0")).isEqualTo(2);
        assertThat(ItemSize.number("-0.000")).isEqualTo(2);
        assertThat(ItemSize.number("1E+5")).isEqualTo(2);
        assertThat(ItemSize.number("-1.23e-7")).isEqualTo(3);
        assertThat(ItemSize.number("00123.4500")).isEqualTo(4);
        assertThat(ItemSize.number("100.001")).isEqualTo(4);
    }

    @Test
    void binaryCountsRawBytesBooleansAndNullsOneByte() {
        // "b" 1 + 3 raw bytes; "t" 1 + 1; "z" 1 + 1
        assertThat(ItemSize.of(item("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
                "t", AttributeValue.fromBool(true), "z", AttributeValue.fromNul(true)))).isEqualTo(4 + 2 + 2);
    }

    @Test
    void listsAndMapsCountThreeBytesPlusOnePerElement() {
        // "l" 1 + 3 + three elements of 1 + 2 ("ab", "cd", "ef") = 1 + 3 + 9 = 13
        assertThat(ItemSize.of(item("l", AttributeValue.fromL(List.of(AttributeValue.fromS("ab"),
                AttributeValue.fromS("cd"), AttributeValue.fromS("ef")))))).isEqualTo(13);
        // "m" 1 + 3 + ("a" 1 + 1 + "ab" 2) + ("b" 1 + 1 + "cd" 2) = 12
        assertThat(ItemSize.of(item("m", AttributeValue.fromM(map("a", AttributeValue.fromS("ab"),
                "b", AttributeValue.fromS("cd")))))).isEqualTo(12);
        // empty: "e" 1 + 3
        assertThat(ItemSize.of(item("e", AttributeValue.fromL(List.of())))).isEqualTo(4);
    }

    @Test
    void setsCountTheirElementsByTheirTypesRules() {
        // "ss" 2 + "ab" + "cd" + "ef" = 8
        assertThat(ItemSize.of(item("ss", AttributeValue.fromSs(List.of("ab", "cd", "ef"))))).isEqualTo(8);
        // "ns" 2 + 1 (2 bytes) + 22 (2 bytes) + 333 (3 bytes) = 9
        assertThat(ItemSize.of(item("ns", AttributeValue.fromNs(List.of("1", "22", "333"))))).isEqualTo(9);
    }

    private static Map<String, AttributeValue> item(Object... nameValues) {
        return map(nameValues);
    }

    private static Map<String, AttributeValue> map(Object... nameValues) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            item.put((String) nameValues[i], (AttributeValue) nameValues[i + 1]);
        }
        return item;
    }
}
