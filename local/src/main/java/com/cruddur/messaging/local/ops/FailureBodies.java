package com.cruddur.messaging.local.ops;

import com.cruddur.messaging.local.InputException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Failure messages saved by hand, for {@code redrive FILE} (or {@code -}, standard input). Accepted:
 * the output of {@code aws sqs receive-message} ({@code {"Messages": [{"Body": "..."}]}}), one body
 * ({@code {"DDBStreamBatchInfo": ...}}), a JSON array of bodies (objects, or strings holding them),
 * or several of these one after another (JSON Lines).
 */
final class FailureBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FailureBodies() {
    }

    /**
     * @param source the file's name, or "standard input"
     * @throws InputException if the text is not JSON of one of the accepted shapes
     */
    static List<FailureQueue.Message> read(byte[] content, String source) {
        List<FailureQueue.Message> messages = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = MAPPER.readerFor(JsonNode.class).readValues(content)) {
            while (documents.hasNextValue()) {
                add(documents.nextValue(), source, messages);
            }
        } catch (JacksonException e) {
            throw new InputException(source + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InputException(source + ": cannot read (" + e.getMessage() + ")");
        }
        if (messages.isEmpty()) {
            throw new InputException(source + ": no failure message in it");
        }
        return messages;
    }

    private static void add(JsonNode document, String source, List<FailureQueue.Message> messages) {
        if (document.isObject() && document.has("Messages")) {
            for (JsonNode message : document.get("Messages")) {
                JsonNode body = message.get("Body");
                if (body == null || !body.isTextual()) {
                    throw new InputException(source + ": a message of \"Messages\" has no \"Body\"");
                }
                String id = message.path("MessageId").asText(source + " #" + (messages.size() + 1));
                messages.add(new FailureQueue.Message(id, body.textValue(), null, null));
            }
        } else if (document.isArray()) {
            for (JsonNode element : document) {
                add(element, source, messages);
            }
        } else if (document.isObject()) {
            messages.add(new FailureQueue.Message(source + " #" + (messages.size() + 1), document.toString(), null, null));
        } else if (document.isTextual()) {
            messages.add(new FailureQueue.Message(source + " #" + (messages.size() + 1), document.textValue(), null, null));
        } else {
            throw new InputException(source + ": expected failure messages (JSON objects), found " + document.getNodeType());
        }
    }
}
