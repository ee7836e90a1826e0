package com.cruddur.messaging.bench.wire;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What crossed the relay over a period (a batch, between two {@link WireRelay#takeTimeline()}):
 * the connections it accepted and the requests it relayed, each in order of start.
 */
public record WireTimeline(List<ConnectionSpan> connections, List<RequestSpan> requests) {

    public WireTimeline {
        connections = connections.stream().sorted(Comparator.comparingLong(ConnectionSpan::acceptedNanos)).toList();
        requests = requests.stream().sorted(Comparator.comparingLong(RequestSpan::startNanos)).toList();
    }

    /** Connections accepted: each one a TLS handshake begun, the cost a warm client avoids. */
    public int connectionsAccepted() {
        return connections.size();
    }

    /** TLS handshakes completed. */
    public int handshakesCompleted() {
        return (int) connections.stream().filter(ConnectionSpan::handshakeCompleted).count();
    }

    /** The round trips on the critical path and the most requests in flight at once. */
    public CriticalPath criticalPath() {
        return CriticalPath.of(requests);
    }

    /**
     * The heaviest chain of requests on a wire of these latencies: round trips and, among them, the
     * first requests on connections accepted in this period (each waited for a set-up first).
     */
    public CriticalPath.Chain criticalChain(WireSettings wire) {
        Set<Long> opened = connections.stream().map(ConnectionSpan::id).collect(Collectors.toSet());
        return CriticalPath.heaviestChain(requests, opened, Math.max(1, wire.requestLatency().toNanos()),
                wire.connectionLatency().toNanos());
    }

    /**
     * As {@link #criticalChain}, chains taken within each flow only ({@link RequestSpan#flow()}):
     * for a client whose flows are independent (the handler's conversations).
     */
    public CriticalPath.Chain criticalChainPerFlow(WireSettings wire) {
        Set<Long> opened = connections.stream().map(ConnectionSpan::id).collect(Collectors.toSet());
        return CriticalPath.heaviestChainPerFlow(requests, opened, Math.max(1, wire.requestLatency().toNanos()),
                wire.connectionLatency().toNanos());
    }

    /**
     * The most flows in progress at once: a flow (a conversation) is in progress from its first
     * request's start to its last one's end. Unnamed requests are left out. A client that runs at
     * most N flows at once shows N here, however long the upstream queues.
     */
    public int flowsInFlight() {
        Map<String, long[]> spans = new TreeMap<>();
        for (RequestSpan r : requests) {
            if (!r.flow().isEmpty()) {
                spans.merge(r.flow(), new long[] {r.startNanos(), r.endNanos()},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        return CriticalPath.maxInFlight(spans.values().stream()
                .map(span -> new RequestSpan(0, "", span[0], span[1], 0)).toList());
    }

    /** The flows (conversations) this period's requests named. */
    public int flows() {
        return (int) requests.stream().map(RequestSpan::flow).filter(f -> !f.isEmpty()).distinct().count();
    }

    /**
     * The critical chain of a client whose flows are independent but run at most
     * {@link #flowsInFlight()} at a time: the heaviest chain of one flow ({@link #criticalChainPerFlow}),
     * once per wave of flows ({@code flows / flowsInFlight}, rounded up).
     */
    public CriticalPath.Chain criticalChainInWaves(WireSettings wire) {
        CriticalPath.Chain one = criticalChainPerFlow(wire);
        int atOnce = flowsInFlight();
        int waves = atOnce == 0 ? 1 : (flows() + atOnce - 1) / atOnce;
        return new CriticalPath.Chain(one.requests() * waves, one.connectionSetups() * waves);
    }

    /** Requests by operation name ({@link RequestSpan#operation()}), in name order. */
    public Map<String, Integer> requestsByOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return counts;
    }
}
