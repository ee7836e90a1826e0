package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The weighted critical chain (round trips and connection set-ups) on hand-made timelines, the
 * expected chains worked out by hand.
 */
class CriticalChainTest {

    private static final long L = 5;
    private static final long C = 10;

    private static RequestSpan span(long connection, String operation, long start, long end, String flow) {
        return new RequestSpan(connection, "DynamoDB_20120810." + operation, start, end, 0, flow);
    }

    @Test
    void aNewConnectionsFirstRequestCarriesItsSetUpAndLaterOnesDoNot() {
        // Connection 2 is new in this period: its first request (the put at 11) waited for a set-up.
        List<RequestSpan> timeline = List.of(
                span(1, "Query", 0, 10, ""), span(2, "PutItem", 11, 30, ""), span(2, "DeleteItem", 31, 40, ""));
        assertThat(CriticalPath.heaviestChain(timeline, Set.of(2L), L, C)).isEqualTo(new CriticalPath.Chain(3, 1));
        assertThat(CriticalPath.heaviestChain(timeline, Set.of(), L, C)).isEqualTo(new CriticalPath.Chain(3, 0));
    }

    @Test
    void theHeaviestChainMayHaveFewerRequestsWhenASetUpOutweighsARoundTrip() {
        // Chain a: 2 requests on old connections (10); chain b: 1 request on a new one (5 + 10 = 15).
        List<RequestSpan> timeline = List.of(
                span(1, "Query", 0, 10, ""), span(1, "PutItem", 11, 20, ""), span(2, "Query", 0, 20, ""));
        assertThat(CriticalPath.heaviestChain(timeline, Set.of(2L), L, C)).isEqualTo(new CriticalPath.Chain(1, 1));
        assertThat(CriticalPath.heaviestChain(timeline, Set.of(2L), L, 1)).isEqualTo(new CriticalPath.Chain(2, 0));
    }

    @Test
    void conversationsNeverChainIntoEachOtherWhenAQueueingUpstreamSerialisesThem() {
        // Two conversations, query-put-delete each; the upstream answered B's requests only after A's.
        List<RequestSpan> timeline = List.of(
                span(1, "Query", 0, 10, "A"), span(1, "PutItem", 11, 20, "A"), span(1, "DeleteItem", 21, 30, "A"),
                span(2, "Query", 0, 35, "B"), span(2, "PutItem", 36, 45, "B"), span(2, "DeleteItem", 46, 55, "B"));
        // On the timeline alone: A's query, A's put, A's delete, then B's put and delete: 5.
        assertThat(CriticalPath.heaviestChain(timeline, Set.of(), L, C).requests()).isEqualTo(5);
        assertThat(CriticalPath.heaviestChainPerFlow(timeline, Set.of(), L, C)).isEqualTo(new CriticalPath.Chain(3, 0));
    }

    @Test
    void aStepsRequestsStartedOneAfterAnotherByABusyCpuAreOneRoundTrip() {
        // A two-person put-first update: query, two puts, two deletes; the second put and the second
        // delete started only after their siblings ended (no CPU free for them sooner).
        List<RequestSpan> timeline = List.of(
                span(1, "Query", 0, 10, "A"),
                span(1, "PutItem", 11, 20, "A"), span(2, "PutItem", 21, 30, "A"),
                span(1, "DeleteItem", 31, 40, "A"), span(2, "DeleteItem", 41, 50, "A"));
        assertThat(CriticalPath.of(timeline).roundTrips()).isEqualTo(5);
        assertThat(CriticalPath.heaviestChainPerFlow(timeline, Set.of(), L, C)).isEqualTo(new CriticalPath.Chain(3, 0));
    }

    @Test
    void aRetryAfterARefusedWriteIsMoreRoundTrips() {
        // Query, put refused, query again, put, delete: 5 steps one after another.
        List<RequestSpan> timeline = List.of(
                span(1, "Query", 0, 10, "A"), span(1, "PutItem", 11, 20, "A"), span(1, "Query", 21, 30, "A"),
                span(1, "PutItem", 31, 40, "A"), span(1, "DeleteItem", 41, 50, "A"));
        assertThat(CriticalPath.heaviestChainPerFlow(timeline, Set.of(), L, C)).isEqualTo(new CriticalPath.Chain(5, 0));
    }

    @Test
    void theTimelineWeighsItsChainWithTheWiresLatencies() {
        WireTimeline timeline = new WireTimeline(List.of(new ConnectionSpan(2, 0, 5)), List.of(
                span(1, "Query", 0, 10, "A"), span(2, "TransactWriteItems", 11, 30, "A")));
        WireSettings wire = WireSettings.withRequestLatency(Duration.ofMillis(5));
        assertThat(timeline.criticalChainPerFlow(wire)).isEqualTo(new CriticalPath.Chain(2, 1));
        assertThat(timeline.criticalChain(wire)).isEqualTo(new CriticalPath.Chain(2, 1));
    }

    @Test
    void conversationsRunTwoAtATimeTakeOneChainPerWave() {
        // Four transactional conversations (query, transaction), at most two at once: C and D begin
        // only when a permit is free, after A or B has ended.
        List<RequestSpan> inWaves = List.of(
                span(1, "Query", 0, 10, "A"), span(1, "TransactWriteItems", 11, 20, "A"),
                span(2, "Query", 0, 12, "B"), span(2, "TransactWriteItems", 13, 22, "B"),
                span(1, "Query", 21, 30, "C"), span(1, "TransactWriteItems", 31, 40, "C"),
                span(2, "Query", 23, 32, "D"), span(2, "TransactWriteItems", 33, 42, "D"));
        WireTimeline timeline = new WireTimeline(List.of(), inWaves);
        WireSettings wire = WireSettings.withRequestLatency(Duration.ofMillis(5));

        assertThat(timeline.flows()).isEqualTo(4);
        assertThat(timeline.flowsInFlight()).isEqualTo(2);
        assertThat(timeline.criticalChainInWaves(wire)).isEqualTo(new CriticalPath.Chain(4, 0));
    }

    @Test
    void conversationsAllAtOnceAreOneWaveHoweverTheUpstreamQueuesThem() {
        // The same four at once; the upstream answered C's and D's queries late.
        List<RequestSpan> atOnce = List.of(
                span(1, "Query", 0, 10, "A"), span(1, "TransactWriteItems", 11, 20, "A"),
                span(2, "Query", 0, 12, "B"), span(2, "TransactWriteItems", 13, 22, "B"),
                span(3, "Query", 1, 30, "C"), span(3, "TransactWriteItems", 31, 40, "C"),
                span(4, "Query", 1, 32, "D"), span(4, "TransactWriteItems", 33, 42, "D"));
        WireTimeline timeline = new WireTimeline(List.of(), atOnce);
        WireSettings wire = WireSettings.withRequestLatency(Duration.ofMillis(5));

        assertThat(timeline.flowsInFlight()).isEqualTo(4);
        assertThat(timeline.criticalChainInWaves(wire)).isEqualTo(new CriticalPath.Chain(2, 0));
        assertThat(timeline.criticalPath().roundTrips()).as("the timeline alone chains A into C").isEqualTo(3);
    }
}
