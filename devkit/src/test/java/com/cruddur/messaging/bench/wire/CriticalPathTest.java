package com.cruddur.messaging.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The critical path of hand-made timelines, each with its expected figures worked out by hand. */
class CriticalPathTest {

    @Test
    void noRequestsNoRoundTrips() {
        assertThat(CriticalPath.of(List.of())).isEqualTo(new CriticalPath(0, 0));
    }

    @Test
    void sequentialRequestsAreOneRoundTripEach() {
        // One connection, one request after another: 3 waits, never two at once.
        List<RequestSpan> timeline = List.of(span(1, 0, 10), span(1, 11, 20), span(1, 21, 30));
        assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(3, 1));
    }

    @Test
    void parallelRequestsAreOneRoundTrip() {
        // Five requests sent together on five connections, answered in any order.
        List<RequestSpan> timeline = List.of(span(1, 0, 10), span(2, 1, 12), span(3, 2, 11), span(4, 3, 14), span(5, 4, 13));
        assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(1, 5));
    }

    @Test
    void requestsThatTouchOverlapRatherThanFollow() {
        // The second starts at the very instant the first ends: no clock can order them.
        assertThat(CriticalPath.of(List.of(span(1, 0, 10), span(2, 10, 20)))).isEqualTo(new CriticalPath(1, 2));
    }

    @Test
    void putFirstConversationsInOneWaveAreThreeRoundTrips() {
        // Two conversations side by side, each: query, then its puts together, then its deletes together.
        List<RequestSpan> timeline = List.of(
                span(1, 0, 10), // A query
                span(1, 11, 20), span(2, 11, 21), // A puts
                span(1, 22, 30), span(2, 22, 31), // A deletes
                span(3, 1, 12), // B query
                span(3, 13, 25), // B put
                span(3, 26, 40)); // B delete
        // In flight at 22: A's two deletes and B's put (13..25): 3, the most at any instant.
        assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(3, 3));
    }

    @Test
    void conversationsInWavesAddTheirRoundTrips() {
        // Four conversations of 3 sequential requests at a concurrency of 2: two waves, 6 round trips.
        List<RequestSpan> timeline = List.of(
                span(1, 0, 10), span(1, 11, 20), span(1, 21, 30),
                span(2, 1, 11), span(2, 12, 21), span(2, 22, 31),
                span(1, 31, 40), span(1, 41, 50), span(1, 51, 60),
                span(2, 32, 41), span(2, 42, 51), span(2, 52, 61));
        assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(6, 2));
    }

    @Test
    void aLongRequestDoesNotHideAChainBesideIt() {
        // A slow request from 0 to 100 overlaps all four quick ones, which follow one another.
        List<RequestSpan> timeline = List.of(
                span(1, 0, 100), span(2, 1, 10), span(2, 11, 20), span(2, 21, 30), span(2, 31, 40));
        assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(4, 2));
    }

    @Test
    void theLongestChainWinsOverTheFirstOneFound() {
        // From the first request, 6..50 gives a chain of 2; 7..8, 9..10, 11..12 give one of 4.
        List<RequestSpan> timeline = List.of(
                span(1, 0, 5), span(2, 6, 50), span(1, 7, 8), span(1, 9, 10), span(1, 11, 12));
        assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(4, 2));
    }

    @Test
    void theOrderOfTheTimelineDoesNotMatter() {
        List<RequestSpan> timeline = new ArrayList<>(List.of(
                span(1, 0, 10), span(1, 11, 20), span(1, 21, 30),
                span(2, 1, 11), span(2, 12, 21), span(2, 22, 31),
                span(1, 31, 40), span(1, 41, 50), span(1, 51, 60),
                span(2, 32, 41), span(2, 42, 51), span(2, 52, 61)));
        Random random = new Random(19);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(timeline, random);
            assertThat(CriticalPath.of(timeline)).isEqualTo(new CriticalPath(6, 2));
        }
    }

    @Test
    void identicalSpansAreTwoRequests() {
        // Two requests recorded with the same times are two in flight, not one.
        assertThat(CriticalPath.of(List.of(span(1, 0, 10), span(2, 0, 10)))).isEqualTo(new CriticalPath(1, 2));
    }

    @Test
    void aSpanCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> span(1, 10, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOperationIsTheTargetsLastPart() {
        assertThat(new RequestSpan(1, "DynamoDB_20120810.Query", 0, 1, 0).operation()).isEqualTo("Query");
        assertThat(new RequestSpan(1, null, 0, 1, 0).operation()).isEmpty();
    }

    private static RequestSpan span(long connection, long start, long end) {
        return new RequestSpan(connection, "DynamoDB_20120810.Query", start, end, 0);
    }
}
