package com.cruddur.messaging.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: {@code --flag}, {@code --option VALUE} or {@code --option=VALUE}, and
 * positional arguments; {@code --} ends the options. Hand-written rather than a CLI library: the
 * grammar is this small, and startup stays fast.
 */
public final class Args {

    private final Set<String> flags;
    private final Map<String, String> values;
    private final List<String> positional;

    private Args(Set<String> flags, Map<String, String> values, List<String> positional) {
        this.flags = flags;
        this.values = values;
        this.positional = positional;
    }

    /**
     * Parses arguments against the options a command accepts.
     *
     * @param argv          the arguments after the command name
     * @param knownFlags    options without a value, such as {@code --dump}
     * @param knownOptions  options with a value, such as {@code --table}
     * @throws UsageException for an unknown option, or an option without its value
     */
    public static Args parse(List<String> argv, Set<String> knownFlags, Set<String> knownOptions) {
        Set<String> flags = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            String name = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                name = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (knownFlags.contains(name)) {
                if (inlineValue != null) {
                    throw new UsageException("option " + name + " takes no value");
                }
                flags.add(name);
            } else if (knownOptions.contains(name)) {
                if (inlineValue == null) {
                    if (i + 1 >= argv.size()) {
                        throw new UsageException("option " + name + " needs a value");
                    }
                    inlineValue = argv.get(++i);
                }
                values.put(name, inlineValue);
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return new Args(flags, values, positional);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A required option's value. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing required option " + name);
        }
        return value;
    }

    /** A whole-number option within bounds, or the fallback when absent. */
    public int integer(String name, int fallback, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("option " + name + " needs a whole number, got '" + value + "'");
        }
        if (n < min || n > max) {
            throw new UsageException("option " + name + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    public List<String> positional() {
        return positional;
    }

    /** Fails unless there are no positional arguments. */
    public void noPositional() {
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument '" + positional.getFirst() + "'");
        }
    }
}
