package com.cruddur.messaging.ops;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Stream events deserialized by the Lambda Java runtime's own serializer, so the handler sees
 * exactly what Lambda would give it: for event files ({@code replay}) and for the records the
 * local event source mapping reads from a stream alike.
 */
public final class LambdaEvents {

    /** The event source of DynamoDB stream records. */
    public static final String DYNAMODB_SOURCE = "aws:dynamodb";

    private LambdaEvents() {
    }

    /**
     * Deserializes an event as the Lambda Java runtime does.
     *
     * @throws IllegalArgumentException with the deserializer's problem on one line, if it rejects the JSON
     */
    public static DynamodbEvent deserialize(byte[] json) {
        try {
            return Serializer.INSTANCE.fromJson(new ByteArrayInputStream(json));
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(Style.firstLine(cause.getMessage()), e);
        }
    }

    /**
     * The event Lambda would invoke the function with for these records (each as it appears in an
     * event's {@code Records}), deserialized as the runtime does.
     */
    public static DynamodbEvent of(List<? extends JsonNode> records) {
        return deserialize(("{\"Records\":[" + records.stream().map(JsonNode::toString).collect(Collectors.joining(","))
                + "]}").getBytes(StandardCharsets.UTF_8));
    }

    /** Built on first use: the runtime's serializer takes a moment to set up. */
    private static final class Serializer {
        static final PojoSerializer<DynamodbEvent> INSTANCE =
                LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamodbEvent.class.getClassLoader());
    }
}
