package com.cruddur.messaging.ops;

import java.io.PrintStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Opening the target a command's options name, with a client for the command's own requests and a line saying what it is. */
public final class Targets {

    /**
     * An open target and its administrative client.
     *
     * @param target the target, to close
     * @param client a client for the command's own requests
     * @param header one line for people: what the target is, what was prepared on it
     */
    public record Opened(Target target, DynamoDbClient client, String header) implements AutoCloseable {
        @Override
        public void close() {
            target.close();
        }
    }

    private Targets() {
    }

    /**
     * Opens the target with the program's opener and prints its header line on {@code header} (null:
     * the command prints {@link Opened#header()} itself). An embedded target is prepared as
     * {@code prepared} says; other targets are left as they are.
     */
    public static Opened open(Target.Spec spec, Target.Embedded prepared, PrintStream header, CliCommand.Io io) {
        Target target = io.targets().open(spec, prepared);
        try {
            DynamoDbClient client = target.client();
            String line = target.header(io.style());
            if (header != null) {
                header.println(line);
            }
            return new Opened(target, client, line);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
    }
}
