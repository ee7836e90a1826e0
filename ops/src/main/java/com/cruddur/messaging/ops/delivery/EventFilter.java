package com.cruddur.messaging.ops.delivery;

import com.cruddur.messaging.schema.DeploymentContract;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * Lambda's event filtering, run by AWS's own event-pattern engine, event-ruler (the engine behind
 * EventBridge and Lambda event filtering), so the local mapping drops exactly the records the real
 * one drops. {@link #DEPLOYED} is compiled from {@link DeploymentContract#EVENT_FILTER_PATTERN},
 * the very string the CDK app deploys. Thread-safe: event-ruler's machine matches concurrently.
 */
public final class EventFilter {

    /** The event source mapping's filter. */
    public static final EventFilter DEPLOYED = parse(DeploymentContract.EVENT_FILTER_PATTERN);

    private static final String RULE = "filter";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Machine machine;
    private final String pattern;

    private EventFilter(Machine machine, String pattern) {
        this.machine = machine;
        this.pattern = pattern;
    }

    /**
     * Compiles a filter pattern in Lambda's filter-criteria JSON.
     *
     * @throws IllegalArgumentException with event-ruler's reason, if it rejects the pattern
     */
    static EventFilter parse(String pattern) {
        String problem = RuleCompiler.check(pattern);
        if (problem != null) {
            throw new IllegalArgumentException("filter pattern: " + problem);
        }
        Machine machine = new Machine();
        try {
            machine.addRule(RULE, pattern);
        } catch (IOException e) {
            throw new IllegalArgumentException("filter pattern: " + e.getMessage(), e);
        }
        return new EventFilter(machine, pattern);
    }

    /** Whether Lambda would deliver this record (one element of an event's {@code Records}). */
    public boolean matches(JsonNode record) {
        return !machine.rulesForJSONEvent(record).isEmpty();
    }

    /**
     * As {@link #matches(JsonNode)}, for a record in JSON text.
     *
     * @throws IllegalArgumentException if the text is not JSON
     */
    public boolean matches(String recordJson) {
        try {
            return matches(MAPPER.readTree(recordJson));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The pattern's JSON, as given. */
    public String pattern() {
        return pattern;
    }
}
