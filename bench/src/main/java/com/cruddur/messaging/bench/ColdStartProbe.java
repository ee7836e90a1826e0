package com.cruddur.messaging.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.cruddur.messaging.stream.MessageGroupStreamHandler;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process the {@code coldstart} command starts, once per measurement, in a fresh JVM whose
 * class path begins with the deployment jar: it does what the Lambda runtime does for the first
 * event (construct the handler with its no-argument constructor, deserialize the event with the
 * runtime's serializer, invoke) and prints one line of figures as soon as the response exists:
 * {@code construct=<ms> invoke=<ms> failures=<n>}. The parent measures the rest: the wall time from
 * starting the process to that line, and the classes loaded ({@code -Xlog:class+load}). Nothing
 * here loads JMX or other measuring machinery that the function itself would not load.
 *
 * <p>With {@code --prime}, it runs the SnapStart priming hook after construction, as the
 * checkpoint would, and {@code invoke} is then the first invocation after a restore.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        boolean prime = args.length > 1 && args[1].equals("--prime");
        MessageGroupStreamHandler handler = new MessageGroupStreamHandler();
        if (prime) {
            handler.prime();
        }
        long constructMs = (System.nanoTime() - start) / 1_000_000;
        long invokeStart = System.nanoTime();
        StreamsEventResponse response;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            DynamodbEvent event = LambdaEventSerializers
                    .serializerFor(DynamodbEvent.class, ColdStartProbe.class.getClassLoader())
                    .fromJson(in);
            response = handler.handleRequest(event, null);
        }
        long invokeMs = (System.nanoTime() - invokeStart) / 1_000_000;
        System.out.println("construct=" + constructMs + " invoke=" + invokeMs
                + " failures=" + response.getBatchItemFailures().size());
        System.out.flush();
        System.exit(0);
    }
}
