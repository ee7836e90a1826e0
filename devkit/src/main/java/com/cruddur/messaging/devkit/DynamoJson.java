package com.cruddur.messaging.devkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB JSON ({@code {"pk":{"S":"..."}, "n":{"N":"1"}, ...}}), the format of the AWS CLI, the
 * console and stream images, to and from the SDK's items. What it reads, DynamoDB takes: the rules
 * of "Supported data types and naming rules in Amazon DynamoDB" (developer guide,
 * HowItWorks.NamingRulesDataTypes) are checked here, so a file breaking them is refused by name
 * rather than half loaded (DynamoDB Local, asked, refuses the same values).
 */
public final class DynamoJson {

    /** The largest magnitude of a DynamoDB number; the smallest non-zero one is {@link #SMALLEST}. */
    private static final BigDecimal LARGEST = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
    /** Digits of precision a DynamoDB number may have. */
    private static final int PRECISION = 38;

    private DynamoJson() {
    }

    /**
     * Parses a JSON array of items.
     *
     * @throws IllegalArgumentException naming the problem (and the item's index) if the text is not
     *         an array of DynamoDB JSON items
     */
    public static List<Map<String, AttributeValue>> parseItems(String json) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of items in DynamoDB JSON");
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                items.add(item(root.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + i + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    /**
     * Parses one item (a JSON object of attribute name to typed value), such as a line of
     * {@link #format} output.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Map<String, AttributeValue> parseItem(String json) {
        return item(Json.parse(json));
    }

    /** One item as a single line of DynamoDB JSON, attributes in name order (stable for scripts and diffs). */
    public static String format(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        writeItem(out, item);
        return out.toString();
    }

    private static Map<String, AttributeValue> item(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("an item must be a JSON object");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : node.properties()) {
            if (attribute.getKey().isEmpty()) {
                // "Attribute names must be at least one character long".
                throw new IllegalArgumentException("an attribute without a name");
            }
            item.put(attribute.getKey(), value(attribute.getKey(), attribute.getValue()));
        }
        return item;
    }

    private static AttributeValue value(String name, JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("attribute '" + name + "' must be an object with one type key such as {\"S\": ...}");
        }
        Map.Entry<String, JsonNode> typed = node.properties().iterator().next();
        String type = typed.getKey();
        JsonNode v = typed.getValue();
        return switch (type) {
            case "S" -> AttributeValue.fromS(string(name, type, v));
            case "N" -> AttributeValue.fromN(number(name, type, v));
            case "B" -> AttributeValue.fromB(bytes(name, type, v));
            case "BOOL" -> AttributeValue.fromBool(bool(name, v));
            case "NULL" -> {
                // DynamoDB: "Null attribute value types must have the value of true".
                if (!(v.isBoolean() && v.booleanValue()) && !"true".equals(v.textValue())) {
                    throw new IllegalArgumentException("attribute '" + name + "' is NULL but not true");
                }
                yield AttributeValue.fromNul(true);
            }
            case "SS" -> AttributeValue.fromSs(set(name, type, elements(name, type, v).stream().map(e -> string(name, type, e))
                    .toList(), s -> s));
            case "NS" -> AttributeValue.fromNs(set(name, type, elements(name, type, v).stream().map(e -> number(name, type, e))
                    .toList(), n -> new BigDecimal(n).stripTrailingZeros()));
            case "BS" -> AttributeValue.fromBs(set(name, type, elements(name, type, v).stream().map(e -> bytes(name, type, e))
                    .toList(), SdkBytes::asByteBuffer));
            case "L" -> AttributeValue.fromL(elements(name, type, v).stream().map(e -> value(name, e)).toList());
            case "M" -> AttributeValue.fromM(item(v));
            default -> throw new IllegalArgumentException("attribute '" + name + "' has unknown type " + type);
        };
    }

    private static String string(String name, String type, JsonNode v) {
        if (!v.isTextual()) {
            throw wrongKind(name, type);
        }
        return v.textValue();
    }

    /**
     * A number as written: DynamoDB JSON has them as strings, people sometimes write JSON numbers.
     * DynamoDB's numbers: at most 38 digits of precision, magnitudes from 1E-130 to
     * 9.9999999999999999999999999999999999999E+125, and zero.
     */
    private static String number(String name, String type, JsonNode v) {
        String text = v.isNumber() ? v.asText() : string(name, type, v);
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute '" + name + "' is not a number for " + type);
        }
        BigDecimal magnitude = number.abs();
        if (magnitude.signum() != 0 && (magnitude.stripTrailingZeros().precision() > PRECISION
                || magnitude.compareTo(SMALLEST) < 0 || magnitude.compareTo(LARGEST) > 0)) {
            throw new IllegalArgumentException("attribute '" + name + "' is a number DynamoDB cannot hold (at most "
                    + PRECISION + " digits, magnitude 1E-130 to 1E+126)");
        }
        return text;
    }

    /** A JSON boolean, or the strings "true" and "false" people sometimes write. */
    private static boolean bool(String name, JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        String text = string(name, "BOOL", v);
        if (!text.equals("true") && !text.equals("false")) {
            throw wrongKind(name, "BOOL");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * A set's elements, which DynamoDB requires to be at least one and unique ({@code identity}: what
     * makes two equal; numbers are equal by value, 1 and 1.0 are one).
     */
    private static <T> List<T> set(String name, String type, List<T> elements, Function<T, ?> identity) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("attribute '" + name + "' is an empty " + type + " (DynamoDB has no empty sets)");
        }
        if (new HashSet<>(elements.stream().map(identity).toList()).size() < elements.size()) {
            throw new IllegalArgumentException("attribute '" + name + "' is a " + type + " with a value twice");
        }
        return elements;
    }

    private static SdkBytes bytes(String name, String type, JsonNode v) {
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(string(name, type, v)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute '" + name + "' is not base64 for " + type + " (" + e.getMessage() + ")");
        }
    }

    private static List<JsonNode> elements(String name, String type, JsonNode v) {
        if (!v.isArray()) {
            throw wrongKind(name, type);
        }
        List<JsonNode> elements = new ArrayList<>();
        v.forEach(elements::add);
        return elements;
    }

    private static IllegalArgumentException wrongKind(String name, String type) {
        return new IllegalArgumentException("attribute '" + name + "' has a value of the wrong JSON kind for " + type);
    }

    private static void writeItem(StringBuilder out, Map<String, AttributeValue> item) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, AttributeValue> e : new TreeMap<>(item).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            writeValue(out, e.getValue());
        }
        out.append('}');
    }

    private static void writeValue(StringBuilder out, AttributeValue v) {
        out.append('{');
        if (v.s() != null) {
            out.append("\"S\":");
            string(out, v.s());
        } else if (v.n() != null) {
            out.append("\"N\":");
            string(out, v.n());
        } else if (v.b() != null) {
            out.append("\"B\":");
            string(out, Base64.getEncoder().encodeToString(v.b().asByteArray()));
        } else if (v.bool() != null) {
            out.append("\"BOOL\":").append(v.bool());
        } else if (v.nul() != null) {
            out.append("\"NULL\":true");
        } else if (v.hasSs()) {
            // Sets have no order: print them sorted, so equal items print alike.
            out.append("\"SS\":");
            strings(out, v.ss().stream().sorted().toList());
        } else if (v.hasNs()) {
            out.append("\"NS\":");
            strings(out, v.ns().stream().sorted().toList());
        } else if (v.hasBs()) {
            out.append("\"BS\":");
            strings(out, v.bs().stream().map(b -> Base64.getEncoder().encodeToString(b.asByteArray())).sorted().toList());
        } else if (v.hasL()) {
            out.append("\"L\":[");
            for (int i = 0; i < v.l().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(out, v.l().get(i));
            }
            out.append(']');
        } else if (v.hasM()) {
            out.append("\"M\":");
            writeItem(out, v.m());
        } else {
            out.append("\"NULL\":true");
        }
        out.append('}');
    }

    private static void strings(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(out, s);
        return out.toString();
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
