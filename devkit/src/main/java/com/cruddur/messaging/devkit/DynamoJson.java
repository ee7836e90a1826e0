package com.cruddur.messaging.devkit;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB JSON ({@code {"pk":{"S":"..."}, "n":{"N":"1"}, ...}}), the format of the AWS CLI, the
 * console and stream images, to and from the SDK's items.
 */
public final class DynamoJson {

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
            root = JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid JSON: " + firstLine(e.getMessage()));
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of items in DynamoDB JSON");
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<JsonNode> elements = root.asArray();
        for (int i = 0; i < elements.size(); i++) {
            try {
                items.add(item(elements.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + i + ": " + e.getMessage());
            }
        }
        return items;
    }

    /** Parses one item (a JSON object of attribute name to typed value). */
    public static Map<String, AttributeValue> parseItem(String json) {
        return item(JsonNode.parser().parse(json));
    }

    /** One item as a single line of DynamoDB JSON, attributes in name order (stable for scripts and diffs). */
    public static String format(Map<String, AttributeValue> item) {
        StringBuilder out = new StringBuilder();
        writeItem(out, item);
        return out.toString();
    }

    static Map<String, AttributeValue> item(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("an item must be a JSON object");
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        node.asObject().forEach((name, value) -> item.put(name, value(name, value)));
        return item;
    }

    private static AttributeValue value(String name, JsonNode node) {
        if (!node.isObject() || node.asObject().size() != 1) {
            throw new IllegalArgumentException("attribute '" + name + "' must be an object with one type key such as {\"S\": ...}");
        }
        Map.Entry<String, JsonNode> typed = node.asObject().entrySet().iterator().next();
        JsonNode v = typed.getValue();
        try {
            return switch (typed.getKey()) {
                case "S" -> AttributeValue.fromS(v.asString());
                case "N" -> AttributeValue.fromN(v.isNumber() ? v.asNumber() : v.asString());
                case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asString())));
                case "BOOL" -> AttributeValue.fromBool(v.isBoolean() ? v.asBoolean() : Boolean.parseBoolean(v.asString()));
                case "NULL" -> AttributeValue.fromNul(true);
                case "SS" -> AttributeValue.fromSs(v.asArray().stream().map(JsonNode::asString).toList());
                case "NS" -> AttributeValue.fromNs(v.asArray().stream()
                        .map(n -> n.isNumber() ? n.asNumber() : n.asString()).toList());
                case "BS" -> AttributeValue.fromBs(v.asArray().stream()
                        .map(b -> SdkBytes.fromByteArray(Base64.getDecoder().decode(b.asString()))).toList());
                case "L" -> AttributeValue.fromL(v.asArray().stream().map(e -> value(name, e)).toList());
                case "M" -> AttributeValue.fromM(item(v));
                default -> throw new IllegalArgumentException("attribute '" + name + "' has unknown type " + typed.getKey());
            };
        } catch (UnsupportedOperationException | IllegalStateException e) {
            throw new IllegalArgumentException("attribute '" + name + "' has a value of the wrong JSON kind for " + typed.getKey());
        }
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

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
