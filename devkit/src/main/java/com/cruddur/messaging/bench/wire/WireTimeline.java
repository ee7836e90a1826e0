package com.cruddur.messaging.bench.wire;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** Requests by operation name ({@link RequestSpan#operation()}), in name order. */
    public Map<String, Integer> requestsByOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return counts;
    }
}
