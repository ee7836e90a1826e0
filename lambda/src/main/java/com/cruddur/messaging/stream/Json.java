package com.cruddur.messaging.stream;

import java.util.Map;

/** Writes JSON values: strings, numbers, booleans, maps (objects) and iterables (arrays). */
final class Json {

    private Json() {
    }

    static void value(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
            case Double d when d.isNaN() || d.isInfinite() -> json.append("null");
            case Float f when f.isNaN() || f.isInfinite() -> json.append("null");
            case Number n -> json.append(n);
            case Boolean b -> json.append(b);
            case Map<?, ?> map -> {
                json.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    string(json, String.valueOf(e.getKey()));
                    json.append(':');
                    value(json, e.getValue());
                }
                json.append('}');
            }
            case Iterable<?> list -> {
                json.append('[');
                boolean first = true;
                for (Object e : list) {
                    if (!first) {
                        json.append(',');
                    }
                    first = false;
                    value(json, e);
                }
                json.append(']');
            }
            default -> string(json, value.toString());
        }
    }

    static void string(StringBuilder json, String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
