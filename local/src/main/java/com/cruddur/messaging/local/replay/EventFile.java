package com.cruddur.messaging.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * A stream event file: one Lambda invocation's {@code {"Records": [...]}}, deserialized by the
 * Lambda Java runtime's own serializer, so the handler sees exactly what Lambda would give it.
 *
 * @param path    the file, as given on the command line
 * @param event   the event, as Lambda deserializes it
 * @param records the records as JSON, for the event filter
 */
record EventFile(Path path, DynamodbEvent event, List<JsonNode> records) {

    /** The event source of DynamoDB stream records. */
    static final String DYNAMODB_SOURCE = "aws:dynamodb";

    /**
     * Reads and checks a file.
     *
     * @throws InputException naming the file and the problem: missing, unreadable, not JSON, not a
     *         DynamoDB stream event
     */
    static EventFile load(Path path) {
        byte[] bytes = read(path);
        String text = new String(bytes, StandardCharsets.UTF_8);
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

    /**
     * Deserializes an event as the Lambda Java runtime does.
     *
     * @throws IllegalArgumentException if Lambda's deserializer rejects the JSON
     */
    static DynamodbEvent deserialize(byte[] json) {
        try {
            return Serializer.INSTANCE.fromJson(new ByteArrayInputStream(json));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(Json.firstLine(cause.getMessage()), e);
        }
    }

    /** As {@link #deserialize(byte[])}, for JSON text. */
    static DynamodbEvent deserialize(String json) {
        return deserialize(json.getBytes(StandardCharsets.UTF_8));
    }

    int size() {
        return event.getRecords() == null ? 0 : event.getRecords().size();
    }

    private static DynamodbEvent deserialize(Path path, byte[] bytes) {
        try {
            DynamodbEvent event = deserialize(bytes);
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
        JsonNode records = root.asObject().get("Records");
        if (records == null) {
            throw new InputException(path, "not a stream event (no \"Records\" array)");
        }
        if (!records.isArray()) {
            throw new InputException(path, "not a stream event (\"Records\" is not an array)");
        }
        List<JsonNode> list = records.asArray();
        for (int i = 0; i < list.size(); i++) {
            JsonNode record = list.get(i);
            if (!record.isObject()) {
                throw new InputException(path, "not a stream event (record " + i + " is not a JSON object)");
            }
            Map<String, JsonNode> fields = record.asObject();
            JsonNode source = fields.get("eventSource");
            if (source != null && source.isString() && !DYNAMODB_SOURCE.equals(source.asString())) {
                throw new InputException(path, "not a DynamoDB stream event (record " + i + " comes from "
                        + source.asString() + ")");
            }
            if (source == null && !fields.containsKey("dynamodb")) {
                throw new InputException(path, "not a DynamoDB stream event (record " + i
                        + " has neither \"eventSource\" nor \"dynamodb\")");
            }
        }
        return list;
    }

    private static byte[] read(Path path) {
        if (Files.isDirectory(path)) {
            throw new InputException(path, "is a directory, not a file");
        }
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InputException(path, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(path, "cannot read (permission denied)");
        } catch (IOException e) {
            throw new InputException(path, "cannot read (" + Json.firstLine(e.getMessage()) + ")");
        }
    }

    /** Built on first use: the runtime's serializer takes a moment to set up. */
    private static final class Serializer {
        static final PojoSerializer<DynamodbEvent> INSTANCE =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamodbEvent.class.getClassLoader());
    }
}
