package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.cruddur.messaging.devkit.DynamoJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The sample events and the sample conversation of {@code events/}, loaded as Lambda's runtime loads events. */
final class Fixtures {

    static final Path EVENTS = Path.of("..", "events");

    static final String ANDREW = "90b2a6d4-2e7e-4d52-9a2a-6d1c9e4f3a11";
    static final String BAYKO = "2f6a8f0e-5b1c-4c3e-8d7a-1b2c3d4e5f60";
    static final String LONDO = "c7d8e9f0-1a2b-4c3d-9e8f-7a6b5c4d3e2f";
    /** Andrew and Bayko. */
    static final String G1 = "5ae290ed-55d1-47a0-bc6d-fe2bc2700399";
    /** Andrew and Londo. */
    static final String G2 = "8e1f0c3a-6b7d-4e2f-a1c9-3d5e7f9b1a24";
    /** Bayko and Londo. */
    static final String G3 = "f3a9c1e7-2d4b-4f6a-8c0e-9b1d3f5a7c92";

    private Fixtures() {
    }

    /** A sample event, deserialized by aws-lambda-java-tests' EventLoader (the runtime's serializer). */
    static DynamodbEvent event(String name) {
        return EventLoader.loadDynamoDbEvent(EVENTS.resolve(name).toString());
    }

    /** The sample conversations: items in DynamoDB JSON. */
    static List<Map<String, AttributeValue>> seedItems() {
        try {
            return DynamoJson.parseItems(Files.readString(EVENTS.resolve("seed/conversations.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
