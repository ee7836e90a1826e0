package com.cruddur.messaging.bench.wire;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

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
