package com.cruddur.messaging.local;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an SQS-compatible server, started in this JVM on a free loopback port: the local
 * stand-in for the failure destination's queue, as DynamoDB Local is for the table. Only the
 * commands that need a queue load this class (and with it ElasticMQ's Scala and Pekko runtime):
 * the others, and {@code --help}, start as fast as without it.
 */
public final class LocalSqs implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;

    private LocalSqs(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Pekko's settings for a server inside a command: no logging (its warnings would reach the
     * command's output through the SLF4J binding the handler brings), and no JVM shutdown hook of
     * its own ({@link #close()} stops it; on Ctrl-C the command's own hook does). System properties
     * override ElasticMQ's {@code application.conf} (Typesafe Config's order of precedence).
     */
    private static final String[][] PEKKO_SETTINGS = {
        {"pekko.loglevel", "OFF"},
        {"pekko.stdout-loglevel", "OFF"},
        {"pekko.log-dead-letters", "off"},
        {"pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"},
    };

    /** Starts a fresh in-memory ElasticMQ on a free loopback port. */
    public static LocalSqs start() {
        for (String[] setting : PEKKO_SETTINGS) {
            if (System.getProperty(setting[0]) == null) {
                System.setProperty(setting[0], setting[1]);
            }
        }
        // While it starts, Pekko prints a line or two and SLF4J says it has no MDC binding. (The JVM's
        // warning about Pekko's use of sun.misc.Unsafe bypasses System.err: ./dev allows that use.)
        return Muted.during(() -> {
            try {
                Class.forName("org.slf4j.MDC");
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("SLF4J is missing from the class path", e);
            }
            // A dynamic port, and queue URLs that name it (the builder generates the node address).
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
            int port = server.waitUntilStarted().localAddress().getPort();
            return new LocalSqs(server, URI.create("http://127.0.0.1:" + port));
        });
    }

    /** The HTTP endpoint, for example {@code http://127.0.0.1:41236}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
