package com.cruddur.messaging.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Opening a target for the table utilities, with the embedded default prepared as the command needs. */
public final class Targets {

    /** What an embedded DynamoDB Local holds before the command runs. */
    public enum Embedded {
        /** Nothing: the command creates the table itself. */
        EMPTY,
        /** The table, empty: the command loads it. */
        TABLE,
        /** The table with the sample conversation: the commands that read or send. */
        SAMPLE
    }

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
     * Opens the target and prints one line saying what it is on {@code header} (null: the command
     * prints {@link Opened#header()} itself). An embedded target is prepared as {@code embedded}
     * says; other targets are left as they are.
     */
    public static Opened open(Target.Spec spec, Embedded embedded, PrintStream header, CliCommand.Io io) {
        Target target = Target.open(spec);
        try {
            DynamoDbClient client = target.client();
            List<String> parts = new ArrayList<>();
            parts.add(target.description());
            parts.add("table " + target.table());
            if (target.embedded() && embedded != Embedded.EMPTY) {
                target.ensureTable(client);
                if (embedded == Embedded.SAMPLE) {
                    SeedData sample = SeedData.sample();
                    sample.load(client, target.table(), io.err());
                    parts.add("seeded " + Views.plural(sample.items().size(), "item") + " from " + sample.source());
                }
            }
            if (target.embedded()) {
                parts.add("discarded on exit");
            }
            String line = io.style().join(parts);
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
