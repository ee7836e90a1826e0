package com.cruddur.messaging.local.replay;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.cruddur.messaging.devkit.Json;
import com.cruddur.messaging.ops.InputException;
import com.cruddur.messaging.ops.LambdaEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream event file: one Lambda invocation's {@code {"Records": [...]}}, checked with Jackson
 * (so that a problem is named precisely) and deserialized by the Lambda Java runtime's own
 * serializer ({@link LambdaEvents}), so the handler sees exactly what Lambda would give it.
 *
 * @param path    the file, as given on the command line
 * @param event   the event, as Lambda deserializes it
 * @param records the records as JSON, for the event filter
 */
public record EventFile(Path path, DynamodbEvent event, List<JsonNode> records) {

    /**
     * Reads and checks a file.
     *
     * @throws InputException naming the file and the problem: missing, unreadable, not JSON, not a
     *         DynamoDB stream event
     */
    public static EventFile load(Path path) {
        return read(path, InputException.read(path));
    }

    /**
     * Checks an event file's content, as {@link #load} does after reading it.
     *
     * @param path  the file, to name it in a problem
     * @throws InputException naming the file and the problem: not UTF-8, not JSON, not a DynamoDB stream event
     */
    public static EventFile read(Path path, byte[] bytes) {
        String text = InputException.utf8(path.toString(), bytes);
        if (text.isBlank()) {
            throw new InputException(path, "invalid JSON (empty file)");
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputException(path, "invalid JSON (" + e.getMessage() + ")");
        }
        List<JsonNode> records = records(path, root);
        return new EventFile(path, deserialize(path, bytes), records);
    }

    /** The number of records. */
    int size() {
        return event.getRecords() == null ? 0 : event.getRecords().size();
    }

    private static DynamodbEvent deserialize(Path path, byte[] bytes) {
        try {
            DynamodbEvent event = LambdaEvents.deserialize(bytes);
            if (event == null || event.getRecords() == null) {
                throw new InputException(path, "not a stream event (no \"Records\" array)");
            }
            return event;
        } catch (IllegalArgumentException e) {
            throw new InputException(path, "not a stream event (Lambda's deserializer: " + e.getMessage() + ")");
        }
    }

    private static List<JsonNode> records(Path path, JsonNode root) {
        if (!root.isObject()) {
            throw new InputException(path, "not a stream event (expected a JSON object with a \"Records\" array)");
        }
        JsonNode records = root.get("Records");
        if (records == null) {
            throw new InputException(path, "not a stream event (no \"Records\" array)");
        }
        if (!records.isArray()) {
            throw new InputException(path, "not a stream event (\"Records\" is not an array)");
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            if (!record.isObject()) {
                throw new InputException(path, "not a stream event (record " + i + " is not a JSON object)");
            }
            JsonNode source = record.get("eventSource");
            if (source != null && source.isTextual() && !LambdaEvents.DYNAMODB_SOURCE.equals(source.textValue())) {
                throw new InputException(path, "not a DynamoDB stream event (record " + i + " comes from "
                        + source.textValue() + ")");
            }
            if (source == null && !record.has("dynamodb")) {
                throw new InputException(path, "not a DynamoDB stream event (record " + i
                        + " has neither \"eventSource\" nor \"dynamodb\")");
            }
            list.add(record);
        }
        return List.copyOf(list);
    }
}
