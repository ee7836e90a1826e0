package com.cruddur.messaging.stream;

import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE;
import static com.cruddur.messaging.schema.MessagesTable.ATTR_MESSAGE_GROUP_UUID;
import static com.cruddur.messaging.schema.MessagesTable.PK;
import static com.cruddur.messaging.schema.MessagesTable.SK;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Condition expressions of the handler's writes.
 *
 * @param expression the expression
 * @param names      its attribute-name placeholders
 * @param values     its value placeholders (empty when none)
 */
record Conditions(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

    /** DynamoDB rejects expressions longer than 4 KB; stay clear of that. */
    static final int MAX_EXPRESSION_LENGTH = 3_500;

    /**
     * The row is still there exactly as it was read: it exists and every non-key attribute has the
     * value read. A concurrent change to any attribute (the app renaming a user, another
     * invocation moving the row) makes the write fail, and the handler re-reads and re-plans
     * instead of overwriting it. Rows too wide for one expression are compared on the attributes
     * this handler owns: {@code message_group_uuid} and {@code message}.
     */
    static Conditions unchangedSinceRead(Map<String, AttributeValue> row) {
        Conditions full = equalTo(row, row.keySet());
        if (full.expression().length() <= MAX_EXPRESSION_LENGTH) {
            return full;
        }
        return equalTo(row, List.of(ATTR_MESSAGE_GROUP_UUID, ATTR_MESSAGE));
    }

    /**
     * The put may create the key, or replace a row of the same conversation (a leftover of an
     * earlier attempt), but never a row of another conversation that ends at the same instant.
     */
    static Conditions freeOrSameGroup(String messageGroupUuid) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#pk", PK);
        names.put("#g", ATTR_MESSAGE_GROUP_UUID);
        return new Conditions("attribute_not_exists(#pk) OR #g = :g", names,
                Map.of(":g", AttributeValue.fromS(messageGroupUuid)));
    }

    private static Conditions equalTo(Map<String, AttributeValue> row, Iterable<String> attributes) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#pk", PK);
        StringBuilder expression = new StringBuilder("attribute_exists(#pk)");
        int i = 0;
        for (String attribute : attributes) {
            AttributeValue value = row.get(attribute);
            if (attribute.equals(PK) || attribute.equals(SK)) {
                continue;
            }
            String name = "#a" + i;
            names.put(name, attribute);
            if (value == null) {
                expression.append(" AND attribute_not_exists(").append(name).append(')');
            } else if (Boolean.TRUE.equals(value.nul())) {
                // NULL compares unequal to itself in expressions; its type is what can be checked.
                values.put(":a" + i, AttributeValue.fromS("NULL"));
                expression.append(" AND attribute_type(").append(name).append(", :a").append(i).append(')');
            } else {
                values.put(":a" + i, value);
                expression.append(" AND ").append(name).append(" = :a").append(i);
            }
            i++;
        }
        return new Conditions(expression.toString(), names, values);
    }
}
