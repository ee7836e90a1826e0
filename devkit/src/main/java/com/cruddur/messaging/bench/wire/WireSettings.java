package com.cruddur.messaging.bench.wire;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the modelled wire adds to the loopback: a latency per request, and one per new connection.
 *
 * <p>{@code requestLatency} stands for everything a request costs on AWS beyond the client's own
 * work: the network round trip inside the Region and DynamoDB's service-side time. The relay holds
 * each response back by it, on top of the time DynamoDB Local took (which the relay records apart,
 * so that the benchmark can report DynamoDB Local's own time and queueing separately).
 *
 * <p>{@code connectionLatency} stands for setting a connection up before its first request: a TCP
 * handshake (one round trip) and a TLS 1.3 handshake (one more; TLS 1.2, the minimum AWS API
 * endpoints accept, takes two). The relay sleeps for it after accepting a connection and before
 * answering the client's TLS hello, so the client's connect-and-handshake takes at least that long.
 */
public record WireSettings(Duration requestLatency, Duration connectionLatency) {

    /**
     * The default latency per request: 5 ms. The documented figure is DynamoDB's: "for most
     * singleton operations ... DynamoDB delivers single-digit millisecond Average
     * SuccessfulRequestLatency", a figure that "does not include the transport overhead" (Amazon
     * DynamoDB Developer Guide, "Troubleshooting latency issues in Amazon DynamoDB"; the AWS
     * Knowledge Center's "How can I troubleshoot high latency on an Amazon DynamoDB table?" says
     * the same of GetItem and PutItem). 5 ms is the middle of that single-digit range; a round trip
     * inside one Region adds well under a millisecond more, so 5 ms is neither the best nor the
     * worst case, and the benchmark also runs 20 ms for a slow day.
     */
    public static final Duration DEFAULT_REQUEST_LATENCY = Duration.ofMillis(5);

    /** A new connection's set-up, in request round trips: TCP's handshake and TLS 1.3's. */
    public static final int CONNECTION_ROUND_TRIPS = 2;

    /** No added latency: the relay's own cost (TLS and copying) only. */
    public static final WireSettings NONE = new WireSettings(Duration.ZERO, Duration.ZERO);

    public WireSettings {
        Objects.requireNonNull(requestLatency, "requestLatency");
        Objects.requireNonNull(connectionLatency, "connectionLatency");
        if (requestLatency.isNegative() || connectionLatency.isNegative()) {
            throw new IllegalArgumentException("a latency cannot be negative: " + requestLatency + ", " + connectionLatency);
        }
    }

    /** The default wire: {@link #DEFAULT_REQUEST_LATENCY} per request, its connection set-up on top. */
    public static WireSettings defaults() {
        return withRequestLatency(DEFAULT_REQUEST_LATENCY);
    }

    /** A wire of the given latency per request, and {@link #CONNECTION_ROUND_TRIPS} of it per new connection. */
    public static WireSettings withRequestLatency(Duration requestLatency) {
        return new WireSettings(requestLatency, requestLatency.multipliedBy(CONNECTION_ROUND_TRIPS));
    }

    @Override
    public String toString() {
        return "+" + millis(requestLatency) + " ms per request, +" + millis(connectionLatency) + " ms per new connection";
    }

    private static String millis(Duration d) {
        return d.toNanos() % 1_000_000 == 0 ? Long.toString(d.toMillis()) : String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
    }
}
