package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One JSON object per log line, built from an event name and named fields. Callers pass
 * identifiers and counts only: message text, display names and handles never reach a log.
 */
public final class StructuredLog {

    private final BiConsumer<LogLevel, String> sink;

    public StructuredLog(BiConsumer<LogLevel, String> sink) {
        this.sink = sink;
    }

    /** Lines to the invocation's Lambda logger, which tags them with the level and request id. */
    public static StructuredLog lambda(LambdaLogger logger) {
        return new StructuredLog((level, line) -> logger.log(line, level));
    }

    /** Lines to standard output, for runs outside Lambda. */
    public static StructuredLog stdout() {
        return new StructuredLog((level, line) -> System.out.println(line));
    }

    public void info(String event, Map<String, ?> fields) {
        sink.accept(LogLevel.INFO, line("INFO", event, fields));
    }

    public void warn(String event, Map<String, ?> fields) {
        sink.accept(LogLevel.WARN, line("WARN", event, fields));
    }

    public void error(String event, Map<String, ?> fields) {
        sink.accept(LogLevel.ERROR, line("ERROR", event, fields));
    }

    static String line(String level, String event, Map<String, ?> fields) {
        StringBuilder json = new StringBuilder(128).append("{\"level\":\"").append(level)
                .append("\",\"event\":");
        string(json, event);
        fields.forEach((name, value) -> {
            json.append(',');
            string(json, name);
            json.append(':');
            value(json, value);
        });
        return json.append('}').toString();
    }

    private static void value(StringBuilder json, Object value) {
        switch (value) {
            case null -> json.append("null");
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

    private static void string(StringBuilder json, String s) {
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
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
