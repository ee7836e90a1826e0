package com.cruddur.messaging.local.mapping;

import com.cruddur.messaging.devkit.Json;
import com.cruddur.messaging.schema.DeploymentContract;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Lambda's event filtering for the pattern features the project uses: nested objects, lists of
 * literal values, and {@code {"prefix": "..."}}. {@link #DEPLOYED} is parsed from
 * {@link DeploymentContract#EVENT_FILTER_PATTERN}, the very string the CDK app deploys, so the local
 * {@code watch} drops exactly the records the real event source mapping drops.
 *
 * <p>Semantics (as Lambda's): a record matches when every field of the pattern is present in it
 * and matches; a leaf list matches when any of its conditions does; a record value that is an
 * array matches when any element does. Operators this class does not implement (anything-but,
 * numeric, exists, suffix, ...) are rejected at parse time, so a change of the deployed pattern
 * cannot be silently mis-applied.
 */
public final class EventFilter {

    /** The event source mapping's filter. */
    public static final EventFilter DEPLOYED = parse(DeploymentContract.EVENT_FILTER_PATTERN);

    private sealed interface Node permits Fields, Conditions {
    }

    private record Fields(Map<String, Node> fields) implements Node {
    }

    private record Conditions(List<Condition> any) implements Node {
    }

    private sealed interface Condition permits Equals, Prefix {
        boolean test(JsonNode value);
    }

    private record Equals(JsonNode literal) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            if (literal.isNull()) {
                return value.isNull();
            }
            if (literal.isTextual()) {
                return value.isTextual() && value.textValue().equals(literal.textValue());
            }
            if (literal.isNumber()) {
                return value.isNumber() && value.decimalValue().compareTo(literal.decimalValue()) == 0;
            }
            return literal.isBoolean() && value.isBoolean() && value.booleanValue() == literal.booleanValue();
        }
    }

    private record Prefix(String prefix) implements Condition {
        @Override
        public boolean test(JsonNode value) {
            return value.isTextual() && value.textValue().startsWith(prefix);
        }
    }

    private final Fields root;
    private final String pattern;

    private EventFilter(Fields root, String pattern) {
        this.root = root;
        this.pattern = pattern;
    }

    /**
     * Parses a filter pattern in Lambda's filter-criteria JSON.
     *
     * @throws IllegalArgumentException if the pattern is not JSON or uses a feature not implemented here
     */
    static EventFilter parse(String pattern) {
        JsonNode node = Json.parse(pattern);
        if (!node.isObject()) {
            throw new IllegalArgumentException("a filter pattern must be a JSON object");
        }
        return new EventFilter(fields(node, "$"), pattern);
    }

    /** Whether Lambda would deliver this record (one element of an event's {@code Records}). */
    public boolean matches(JsonNode record) {
        return matches(root, record);
    }

    /** As {@link #matches(JsonNode)}, for a record in JSON text. */
    boolean matches(String recordJson) {
        return matches(Json.parse(recordJson));
    }

    /** The pattern's JSON, as given. */
    String pattern() {
        return pattern;
    }

    private static Fields fields(JsonNode node, String path) {
        Map<String, Node> fields = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "." + name;
            if (value.isObject()) {
                fields.put(name, fields(value, at));
            } else if (value.isArray()) {
                fields.put(name, conditions(value, at));
            } else {
                throw new IllegalArgumentException("filter pattern: " + at + " must be an object or an array");
            }
        });
        return new Fields(fields);
    }

    private static Conditions conditions(JsonNode array, String path) {
        List<Condition> any = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isObject()) {
                JsonNode prefix = element.get("prefix");
                if (element.size() != 1 || prefix == null || !prefix.isTextual()) {
                    List<String> operators = new ArrayList<>();
                    element.fieldNames().forEachRemaining(operators::add);
                    throw new IllegalArgumentException("filter pattern: " + path + " uses an operator other than "
                            + "{\"prefix\": \"...\"}: " + operators + " is not implemented by the local filter");
                }
                any.add(new Prefix(prefix.textValue()));
            } else if (element.isArray()) {
                throw new IllegalArgumentException("filter pattern: " + path + " has a nested array");
            } else {
                any.add(new Equals(element));
            }
        }
        return new Conditions(List.copyOf(any));
    }

    private static boolean matches(Node pattern, JsonNode value) {
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).anyMatch(element -> matches(pattern, element));
        }
        return switch (pattern) {
            case Fields f -> value.isObject() && f.fields().entrySet().stream().allMatch(e -> {
                JsonNode field = value.get(e.getKey());
                return field != null && matches(e.getValue(), field);
            });
            case Conditions c -> c.any().stream().anyMatch(condition -> condition.test(value));
        };
    }
}
