package com.cruddur.messaging.bench.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a request timeline says about waiting, computed purely from it.
 *
 * @param roundTrips  the requests on the critical path: the longest chain of requests each of
 *                    which started after the previous one ended. On a wire of latency L, a batch
 *                    cannot take less than {@code roundTrips × L}, however many requests overlap.
 * @param maxInFlight the most requests in flight at once
 */
public record CriticalPath(int roundTrips, int maxInFlight) {

    /** The critical path of a set of requests (in any order); both figures are 0 for none. */
    public static CriticalPath of(List<RequestSpan> requests) {
        return new CriticalPath(longestChain(requests), maxInFlight(requests));
    }

    /**
     * The longest chain r1, r2, ... with each {@code r(i).end < r(i+1).start}. Strictly before: two
     * requests that touch at an instant overlapped, as far as a clock can tell. Requests are taken
     * in order of start; the best chain ending before a start is the best among the requests that
     * ended before it, and every one of those started earlier, so it is known by then.
     */
    static int longestChain(List<RequestSpan> requests) {
        List<RequestSpan> byStart = new ArrayList<>(requests);
        byStart.sort(Comparator.comparingLong(RequestSpan::startNanos));
        List<RequestSpan> byEnd = new ArrayList<>(requests);
        byEnd.sort(Comparator.comparingLong(RequestSpan::endNanos));
        // By identity: two spans with equal fields are still two requests.
        Map<RequestSpan, Integer> chain = new IdentityHashMap<>();
        int ended = 0;
        int bestEnded = 0;
        int longest = 0;
        for (RequestSpan request : byStart) {
            while (ended < byEnd.size() && byEnd.get(ended).endNanos() < request.startNanos()) {
                bestEnded = Math.max(bestEnded, chain.get(byEnd.get(ended)));
                ended++;
            }
            int length = bestEnded + 1;
            chain.put(request, length);
            longest = Math.max(longest, length);
        }
        return longest;
    }

    /**
     * A chain of requests, each started after the previous one ended, and how many of them were
     * the first request on a connection opened in the period (each waited for a connection set-up
     * before it: TCP's and TLS's handshakes).
     */
    public record Chain(int requests, int connectionSetups) {

        long weight(long requestWeight, long setupWeight) {
            return requests * requestWeight + connectionSetups * setupWeight;
        }
    }

    /**
     * The heaviest chain when each request weighs {@code requestWeight} and a connection set-up
     * before it {@code setupWeight} more: the round trips and set-ups a batch waits for one after
     * another on a wire of those latencies. A set-up is the first request on a connection in
     * {@code newConnections}. The same sweep as {@link #longestChain}, with weights.
     */
    public static Chain heaviestChain(List<RequestSpan> requests, Set<Long> newConnections,
                                      long requestWeight, long setupWeight) {
        return heaviestChain(requests, newConnections, requestWeight, setupWeight, false);
    }

    /**
     * As above; with {@code bySteps}, a request follows another in a chain only if their operations
     * differ: the requests of one step (a conversation's puts, then its deletes) are sent at once,
     * and one that a busy CPU started after its sibling ended is still the same round trip (the CPU
     * is counted apart, in the modelled duration).
     */
    static Chain heaviestChain(List<RequestSpan> requests, Set<Long> newConnections, long requestWeight,
                               long setupWeight, boolean bySteps) {
        Set<RequestSpan> setups = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        requests.stream().filter(r -> newConnections.contains(r.connection()))
                .collect(java.util.stream.Collectors.groupingBy(RequestSpan::connection))
                .values().forEach(onConnection -> setups.add(
                        onConnection.stream().min(Comparator.comparingLong(RequestSpan::startNanos)).orElseThrow()));
        List<RequestSpan> byStart = new ArrayList<>(requests);
        byStart.sort(Comparator.comparingLong(RequestSpan::startNanos));
        List<RequestSpan> byEnd = new ArrayList<>(requests);
        byEnd.sort(Comparator.comparingLong(RequestSpan::endNanos));
        Map<RequestSpan, Chain> chain = new IdentityHashMap<>();
        Chain none = new Chain(0, 0);
        // The heaviest chain among the requests ended so far, by the operation of its last request.
        Map<String, Chain> bestEnded = new java.util.HashMap<>();
        Chain heaviest = none;
        int ended = 0;
        for (RequestSpan request : byStart) {
            while (ended < byEnd.size() && byEnd.get(ended).endNanos() < request.startNanos()) {
                RequestSpan done = byEnd.get(ended);
                String key = bySteps ? done.operation() : "";
                Chain candidate = chain.get(done);
                if (candidate.weight(requestWeight, setupWeight)
                        > bestEnded.getOrDefault(key, none).weight(requestWeight, setupWeight)) {
                    bestEnded.put(key, candidate);
                }
                ended++;
            }
            Chain before = none;
            for (Map.Entry<String, Chain> e : bestEnded.entrySet()) {
                if ((!bySteps || !e.getKey().equals(request.operation()))
                        && e.getValue().weight(requestWeight, setupWeight) > before.weight(requestWeight, setupWeight)) {
                    before = e.getValue();
                }
            }
            Chain here = new Chain(before.requests() + 1, before.connectionSetups() + (setups.contains(request) ? 1 : 0));
            chain.put(request, here);
            if (here.weight(requestWeight, setupWeight) > heaviest.weight(requestWeight, setupWeight)) {
                heaviest = here;
            }
        }
        return heaviest;
    }

    /**
     * {@link #heaviestChain} by steps within each flow ({@link RequestSpan#flow()}), the heaviest of
     * them: requests of different flows are independent, so a chain never goes from one to another.
     * A queueing upstream (DynamoDB Local on two cores) finishes a wave's requests one after another,
     * and a timeline alone would chain one conversation's request after another's.
     */
    public static Chain heaviestChainPerFlow(List<RequestSpan> requests, Set<Long> newConnections,
                                             long requestWeight, long setupWeight) {
        Chain heaviest = new Chain(0, 0);
        for (List<RequestSpan> flow : requests.stream()
                .collect(java.util.stream.Collectors.groupingBy(RequestSpan::flow)).values()) {
            Chain chain = heaviestChain(flow, newConnections, requestWeight, setupWeight, true);
            if (chain.weight(requestWeight, setupWeight) > heaviest.weight(requestWeight, setupWeight)) {
                heaviest = chain;
            }
        }
        return heaviest;
    }

    /** The most requests in flight at one instant; a request ending when another starts overlaps it. */
    static int maxInFlight(List<RequestSpan> requests) {
        long[] starts = requests.stream().mapToLong(RequestSpan::startNanos).sorted().toArray();
        long[] ends = requests.stream().mapToLong(RequestSpan::endNanos).sorted().toArray();
        int inFlight = 0;
        int most = 0;
        int e = 0;
        for (long start : starts) {
            // Only requests that ended strictly before this start have left.
            while (ends[e] < start) {
                e++;
                inFlight--;
            }
            inFlight++;
            most = Math.max(most, inFlight);
        }
        return most;
    }
}
