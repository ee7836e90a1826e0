package com.cruddur.messaging.local;

import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** The little JSON the CLI writes by hand (stream records as Lambda delivers them). */
final class Json {

    private Json() {
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
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
        return out.append('"').toString();
    }

    /** Parses JSON, reporting a problem in one line. */
    static JsonNode parse(String json) {
        try {
            return JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(firstLine(e.getMessage()), e);
        }
    }

    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
