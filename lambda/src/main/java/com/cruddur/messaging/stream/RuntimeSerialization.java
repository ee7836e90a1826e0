package com.cruddur.messaging.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * The Lambda Java runtime's own serialization, warmed by priming: the runtime interface client
 * reads each event with {@code aws-lambda-java-serialization}'s {@code LambdaEventSerializers} (a
 * {@link DynamodbEvent} is one of its events) and writes the handler's response with that
 * library's {@code JacksonFactory}. The library is the runtime's, on its class path (so
 * {@code provided} here, not in the jar): the function's class loader resolves it to the same
 * classes, so reading priming's own event and writing its response loads their classes and warms
 * their code before the snapshot, which the first invocation would otherwise pay for.
 */
final class RuntimeSerialization {

    private RuntimeSerialization() {
    }

    /**
     * Writes {@code event} as the runtime's serializer writes an event, reads it back as the runtime
     * reads one, and writes {@code response} as the runtime writes a response. False, doing
     * nothing, where the runtime's serialization is not on the class path (a local run).
     */
    static boolean roundTrip(DynamodbEvent event, StreamsEventResponse response) {
        try {
            PojoSerializer<DynamodbEvent> events =
                    LambdaEventSerializers.serializerFor(DynamodbEvent.class, DynamodbEvent.class.getClassLoader());
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            events.toJson(event, json);
            events.fromJson(new ByteArrayInputStream(json.toByteArray()));
            JacksonFactory.getInstance().getSerializer(StreamsEventResponse.class)
                    .toJson(response, OutputStream.nullOutputStream());
            return true;
        } catch (NoClassDefFoundError e) {
            return false;
        }
    }
}
