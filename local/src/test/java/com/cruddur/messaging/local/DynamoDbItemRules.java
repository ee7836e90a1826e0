package com.cruddur.messaging.local;

import com.cruddur.messaging.schema.MessagesTable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What DynamoDB takes as an item of this table, written out from its documentation for the fuzz
 * target's check (independently of {@code DynamoJson}, which must enforce it): "Supported data types
 * and naming rules in Amazon DynamoDB" (HowItWorks.NamingRulesDataTypes: attribute names at least one
 * character; numbers of at most 38 significant digits between 1E-130 and 9.9999999999999999999999999999999999999E+125
 * in magnitude; sets non-empty, of unique values; NULL true) and "Service, account, and table quotas"
 * (ServiceQuotas: a partition key value of 1 to 2048 bytes, a sort key value of 1 to 1024 bytes; the
 * index's key, {@code message_group_uuid}, is a string key too). DynamoDB Local refuses each of them.
 */
final class DynamoDbItemRules {

    private static final BigDecimal LARGEST = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

    private DynamoDbItemRules() {
    }

    /** Why DynamoDB would refuse the item as a row of this table, or empty. */
    static Optional<String> problem(Map<String, AttributeValue> item) {
        Optional<String> keys = key(item, MessagesTable.PK, 2048).or(() -> key(item, MessagesTable.SK, 1024))
                .or(() -> item.containsKey(MessagesTable.GROUP_INDEX_PK)
                        ? key(item, MessagesTable.GROUP_INDEX_PK, 2048) : Optional.empty());
        return keys.isPresent() ? keys : attributes(item);
    }

    private static Optional<String> key(Map<String, AttributeValue> item, String name, int maxBytes) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            return Optional.of(name + " is not a string");
        }
        int bytes = value.s().getBytes(StandardCharsets.UTF_8).length;
        return bytes < 1 || bytes > maxBytes ? Optional.of(name + " is " + bytes + " bytes") : Optional.empty();
    }

    private static Optional<String> attributes(Map<String, AttributeValue> map) {
        for (Map.Entry<String, AttributeValue> attribute : map.entrySet()) {
            if (attribute.getKey().isEmpty()) {
                return Optional.of("an attribute without a name");
            }
            Optional<String> problem = value(attribute.getValue());
            if (problem.isPresent()) {
                return problem.map(p -> attribute.getKey() + ": " + p);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> value(AttributeValue value) {
        return switch (value.type()) {
            case S, B -> Optional.empty();
            case BOOL -> Optional.empty();
            case NUL -> value.nul() ? Optional.empty() : Optional.of("NULL false");
            case N -> number(value.n());
            case SS -> set(value.ss());
            case BS -> set(value.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case NS -> set(value.ns().stream().map(DynamoDbItemRules::comparable).toList())
                    .or(() -> value.ns().stream().map(DynamoDbItemRules::number).flatMap(Optional::stream).findFirst());
            case L -> value.l().stream().map(DynamoDbItemRules::value).flatMap(Optional::stream).findFirst();
            case M -> attributes(value.m());
            case UNKNOWN_TO_SDK_VERSION -> Optional.of("no type, or more than one");
        };
    }

    private static Optional<String> number(String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Optional.of("not a number");
        }
        BigDecimal magnitude = number.abs();
        if (magnitude.signum() == 0) {
            return Optional.empty();
        }
        if (magnitude.stripTrailingZeros().precision() > 38) {
            return Optional.of("more than 38 digits");
        }
        return magnitude.compareTo(SMALLEST) < 0 || magnitude.compareTo(LARGEST) > 0
                ? Optional.of("out of range") : Optional.empty();
    }

    /** Numbers are equal in a set by value: 1 and 1.0 are one element. */
    private static BigDecimal comparable(String text) {
        try {
            return new BigDecimal(text).stripTrailingZeros();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Optional<String> set(List<?> elements) {
        if (elements.isEmpty()) {
            return Optional.of("an empty set");
        }
        return new HashSet<>(elements).size() < elements.size() ? Optional.of("a set with a value twice") : Optional.empty();
    }
}
