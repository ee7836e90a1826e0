package com.cruddur.messaging.infra;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One context value of the CDK app, read as {@link StackConfig} needs it: a string (trimmed, absent
 * when blank), a boolean, or a list; each refused on one line when it cannot be one.
 */
final class ContextValues {

    private ContextValues() {
    }

    /** {@code true} or {@code false} (a string from -c, a boolean from cdk.json), or the default when unset. */
    static boolean bool(Function<String, Object> context, String key, boolean otherwise) {
        Optional<String> value = string(context, key);
        if (value.isPresent() && !value.get().equals("true") && !value.get().equals("false")) {
            throw new IllegalArgumentException("context " + key + "=" + value.get() + ": give true or false");
        }
        return value.map(Boolean::parseBoolean).orElse(otherwise);
    }

    static Optional<String> string(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return Optional.empty();
        }
        String text = onOneLine(key, value.toString()).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * No context value of this stack holds a control character; one with a line break would also break
     * the one-line error that quotes it (found by StackConfigFuzzTest), so it is refused without being quoted.
     */
    private static String onOneLine(String key, String value) {
        if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            throw new IllegalArgumentException("context " + key + " holds a line break or another control character:"
                    + " give the value on one line");
        }
        return value;
    }

    // "-c subnetIds=a,b" arrives as a string; a cdk.json context entry may be a JSON array.
    static List<String> list(Function<String, Object> context, String key) {
        Object value = context.apply(key);
        if (value == null) {
            return List.of();
        }
        var items = value instanceof Collection<?> collection
                ? collection.stream().map(item -> onOneLine(key, String.valueOf(item)))
                : Arrays.stream(onOneLine(key, value.toString()).split(","));
        return items.map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
