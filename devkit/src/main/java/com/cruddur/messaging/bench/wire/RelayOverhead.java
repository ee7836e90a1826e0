package com.cruddur.messaging.bench.wire;

import com.cruddur.messaging.devkit.LocalDynamoDb;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the relay itself adds to a request at zero modelled latency, measured: TLS on both ends and
 * the copy through the relay. Each measured request is a pair, the same request once straight to
 * the upstream and once through a relay of {@link WireSettings#NONE}, each on its own kept-alive
 * connection, in alternating order so that a drift in the upstream's load falls on both alike;
 * the overhead of the pair is the difference. The benchmark prints it beside its figures, since
 * every duration it measures through the relay carries it.
 *
 * @param requests the pairs measured (after a warm-up that is not counted)
 * @param p50      the median difference
 * @param p99      the 99th percentile difference (nearest rank)
 */
public record RelayOverhead(int requests, Duration p50, Duration p99) {

    /** Pairs sent before measuring, so that both paths run compiled code on open connections. */
    static final int WARM_UP_PAIRS = 100;

    /**
     * Measures {@code requests} pairs of {@code ListTables} (the smallest request DynamoDB Local
     * answers without a table) against {@code upstream}, through a relay started for the purpose.
     */
    public static RelayOverhead measure(URI upstream, int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("at least one request to measure, not " + requests);
        }
        try (WireRelay relay = WireRelay.start(upstream, WireSettings.NONE);
             DynamoDbClient direct = LocalDynamoDb.clientBuilder(upstream).build();
             DynamoDbClient relayed = relay.clientBuilder().build()) {
            for (int i = 0; i < WARM_UP_PAIRS; i++) {
                send(direct);
                send(relayed);
            }
            long[] differences = new long[requests];
            for (int i = 0; i < requests; i++) {
                long viaRelay;
                long straight;
                if (i % 2 == 0) {
                    straight = send(direct);
                    viaRelay = send(relayed);
                } else {
                    viaRelay = send(relayed);
                    straight = send(direct);
                }
                differences[i] = viaRelay - straight;
            }
            return of(differences);
        }
    }

    /** The overhead from measured differences in nanoseconds (pure: the percentiles of them). */
    static RelayOverhead of(long[] differencesNanos) {
        long[] sorted = differencesNanos.clone();
        Arrays.sort(sorted);
        return new RelayOverhead(sorted.length,
                Duration.ofNanos(nearestRank(sorted, 0.50)), Duration.ofNanos(nearestRank(sorted, 0.99)));
    }

    /** One line for the benchmark's output. */
    public String summary() {
        return String.format(Locale.ROOT, "relay overhead per request: p50 %.2f ms, p99 %.2f ms (measured, %d requests)",
                p50.toNanos() / 1e6, p99.toNanos() / 1e6, requests);
    }

    private static long nearestRank(long[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long send(DynamoDbClient client) {
        long start = System.nanoTime();
        client.listTables(b -> b.limit(1));
        return System.nanoTime() - start;
    }
}
