package com.cruddur.messaging.bench.wire;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The modelled wire between a DynamoDB client and DynamoDB Local: a relay on a free loopback port
 * that terminates TLS with a certificate of its own ({@link #truststore()}), forwards every
 * HTTP/1.1 request unchanged to a plain-HTTP upstream, returns the response unchanged, and adds
 * the latency of {@link WireSettings}: per request (each response held back by it after the
 * upstream's), and per new connection (before the TLS handshake is answered).
 *
 * <p>It records what crossed it ({@link #takeTimeline()}): the connections accepted (TLS
 * handshakes) and, per request, its connection, its {@code X-Amz-Target} and when the client saw
 * it start and end, from which {@link CriticalPath} computes the round trips a batch waited for.
 *
 * <p>Never the bottleneck: a virtual thread per connection, each with its own upstream connection,
 * no lock held anywhere (the records are lock-free queues), and every wait a sleep of that
 * connection's thread alone. Keep-alive on both sides, as long as the client keeps its connection.
 */
public final class WireRelay implements AutoCloseable {

    private static final int BACKLOG = 1024;
    /** A client connection idle this long is closed (the JDK's client drops idle ones after 5 s). */
    private static final int CLIENT_IDLE_TIMEOUT_MILLIS = 300_000;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final URI upstream;
    private final RelayCertificate certificate;
    private final SSLServerSocket server;
    private final ExecutorService connections =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("wire-relay-", 0).factory());
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final TimelineRecorder recorder = new TimelineRecorder();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile WireSettings settings;
    private volatile boolean closed;

    private WireRelay(URI upstream, WireSettings settings, RelayCertificate certificate, SSLServerSocket server) {
        this.upstream = upstream;
        this.settings = settings;
        this.certificate = certificate;
        this.server = server;
    }

    /**
     * Starts a relay in front of {@code upstream} (plain {@code http://host:port}, such as
     * {@link LocalDynamoDb#endpoint()}), with a new certificate (removed by {@link #close()}).
     */
    public static WireRelay start(URI upstream, WireSettings settings) {
        if (!"http".equals(upstream.getScheme()) || upstream.getPort() < 0) {
            throw new IllegalArgumentException("the upstream must be plain http://host:port, not " + upstream);
        }
        RelayCertificate certificate = RelayCertificate.create();
        try {
            SSLServerSocket server = (SSLServerSocket) certificate.serverContext().getServerSocketFactory()
                    .createServerSocket(0, BACKLOG, InetAddress.getByName("127.0.0.1"));
            WireRelay relay = new WireRelay(upstream, settings, certificate, server);
            Thread.ofVirtual().name("wire-relay-accept").start(relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            certificate.close();
            throw new UncheckedIOException("the wire relay could not listen on 127.0.0.1", e);
        }
    }

    /** Where clients connect: {@code https://localhost:<port>} (the certificate names localhost and 127.0.0.1). */
    public URI endpoint() {
        return URI.create("https://localhost:" + port());
    }

    public int port() {
        return server.getLocalPort();
    }

    public WireSettings settings() {
        return settings;
    }

    /** Changes the modelled wire from now on: for requests that start and connections accepted after it. */
    public void settings(WireSettings value) {
        settings = Objects.requireNonNull(value);
    }

    /** The truststore a client needs to trust this relay (and only it). */
    public RelayTruststore truststore() {
        return certificate.truststore();
    }

    /** The relay's certificate. */
    public X509Certificate certificate() {
        return certificate.certificate();
    }

    /**
     * A DynamoDB client builder for this relay, as {@link LocalDynamoDb#clientBuilder} builds one,
     * with a URL-connection HTTP client that trusts this relay's certificate and nothing else.
     */
    public DynamoDbClientBuilder clientBuilder() {
        // Replaces the plain client LocalDynamoDb configures (which holds no connection of its own).
        return LocalDynamoDb.clientBuilder(endpoint())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30))
                        .tlsTrustManagersProvider(certificate.truststore()::trustManagers)
                        .build());
    }

    /**
     * What crossed the relay since it started or since the last {@link #takeTimeline()} /
     * {@link #reset()}. Waits (a second at most) for the requests whose responses are being
     * written to be recorded: a client that has its response may be ahead of the relay's record.
     */
    public WireTimeline timeline() {
        return recorder.snapshot();
    }

    /** The timeline so far, as {@link #timeline()}, and a fresh one from now on (between batches). */
    public WireTimeline takeTimeline() {
        return recorder.take();
    }

    /** Forgets the timeline so far. */
    public void reset() {
        takeTimeline();
    }

    /** Requests that got no response from the upstream (their client connection was closed instead). */
    public long failedExchanges() {
        return recorder.failedExchanges();
    }

    /** Nanoseconds since the relay started: the clock of its timelines. */
    public long clock() {
        return recorder.clock();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                long id = connectionIds.incrementAndGet();
                long acceptedAt = clock();
                open.add(client);
                connections.execute(() -> serve((SSLSocket) client, id, acceptedAt));
            } catch (IOException | RuntimeException e) {
                // Closed by close(), or a failed accept (out of file descriptors): pause, then go on until closed.
                if (!closed) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    private void serve(SSLSocket client, long id, long acceptedAt) {
        try (client; UpstreamConnection upstreamConnection = new UpstreamConnection(upstream)) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(CLIENT_IDLE_TIMEOUT_MILLIS);
            // TCP's and TLS's round trips: the client's handshake waits for the server's reply.
            sleep(settings.connectionLatency().toNanos());
            try {
                client.startHandshake();
            } catch (IOException e) {
                recorder.connection(new ConnectionSpan(id, acceptedAt, -1));
                return;
            }
            recorder.connection(new ConnectionSpan(id, acceptedAt, clock()));
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = client.getOutputStream();
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                keepAlive = relayOne(id, first, in, out, upstreamConnection);
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, the upstream failed (counted), or the relay is closing.
        } finally {
            open.remove(client);
        }
    }

    /** Relays one request whose first byte was just read; returns whether the connection stays open. */
    private boolean relayOne(long id, int first, InputStream in, OutputStream out, UpstreamConnection upstreamConnection)
            throws IOException, InterruptedException {
        recorder.requestBegun();
        RequestSpan span = null;
        try {
            long start = clock();
            Duration latency = settings.requestLatency();
            HttpMessages.Head request = HttpMessages.readHead(in, first);
            if ("100-continue".equalsIgnoreCase(request.header("expect"))) {
                out.write(CONTINUE);
                out.flush();
            }
            byte[] body = HttpMessages.readRequestBody(in, request);
            long upstreamStart = clock();
            UpstreamConnection.Exchange exchange;
            try {
                exchange = upstreamConnection.exchange(request.bytes(), body, request.method());
            } catch (IOException e) {
                recorder.exchangeFailed();
                throw e;
            }
            long upstreamEnd = clock();
            // The modelled wire: the response reaches the client one round trip after the upstream's answer.
            sleep(upstreamEnd + latency.toNanos() - clock());
            out.write(exchange.response());
            out.flush();
            span = new RequestSpan(id, request.header("x-amz-target"), start, clock(), upstreamEnd - upstreamStart);
            return !exchange.closesConnection() && !request.closesConnection();
        } finally {
            recorder.requestEnded(span);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        open.forEach(WireRelay::closeQuietly);
        connections.shutdownNow();
        try {
            connections.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        certificate.close();
    }

    private static void sleep(long nanos) throws InterruptedException {
        if (nanos > 0) {
            Thread.sleep(Duration.ofNanos(nanos));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
