package com.cruddur.messaging.local;

import com.cruddur.messaging.devkit.DynamoJson;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/** The little JSON the CLI writes by hand (stream records as Lambda delivers them). */
final class Json {

    private Json() {
    }

    /** A JSON string literal. */
    static String quote(String s) {
        return DynamoJson.quote(s);
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
