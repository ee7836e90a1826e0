package com.cruddur.messaging.stream;

import com.cruddur.messaging.stream.ReliabilityCase.FaultKind;
import com.cruddur.messaging.stream.ReliabilityCase.FaultPlan;
import com.cruddur.messaging.stream.ReliabilityCase.Slot;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The faults of one run of a {@link FaultPlan}, drawn as they are asked for: the n-th request
 * (or invocation) always gets the n-th draw of its kind's stream, whether or not a fault was taken
 * out, so shrinking one fault away leaves every other draw as it was. Thread-safe: two racing
 * handlers share one schedule.
 */
final class FaultSchedule {

    enum RequestFault { THROTTLING, SERVER_ERROR, TIMEOUT, TRANSACTION_CONFLICT, APP_WRITE }

    /** A drawn fault and its place; {@code pick} chooses the row a concurrent app write changes. */
    record Draw<T>(Slot slot, T fault, int pick) {
    }

    private final FaultPlan plan;
    private final Map<FaultKind, RandomGenerator> streams = new EnumMap<>(FaultKind.class);
    private final Map<FaultKind, Integer> next = new EnumMap<>(FaultKind.class);
    private final Map<Slot, String> struck = new TreeMap<>();

    FaultSchedule(FaultPlan plan) {
        this.plan = plan;
        for (FaultKind kind : FaultKind.values()) {
            // One independent stream per kind, all from the case's seed.
            streams.put(kind, ReliabilityCase.random(plan.seed() ^ (0x9E3779B97F4A7C15L * (kind.ordinal() + 1))));
            next.put(kind, 0);
        }
    }

    /** The fault for the next request before it is sent, or null. */
    synchronized Draw<RequestFault> beforeRequest() {
        RandomGenerator random = streams.get(FaultKind.REQUEST);
        boolean hit = random.nextDouble() < plan.rate();
        RequestFault fault = RequestFault.values()[random.nextInt(RequestFault.values().length)];
        int pick = random.nextInt(1 << 16);
        Slot slot = slot(FaultKind.REQUEST);
        return hit && plan.strikes(slot) ? new Draw<>(slot, fault, pick) : null;
    }

    /** Whether the next executed request's response is lost, or null. */
    synchronized Slot responseLost() {
        boolean hit = streams.get(FaultKind.RESPONSE).nextDouble() < plan.rate() / 3;
        Slot slot = slot(FaultKind.RESPONSE);
        return hit && plan.strikes(slot) ? slot : null;
    }

    /** For the next invocation: after how many requests it crashes (1 to 8), or null (a sixth of invocations crash). */
    synchronized Draw<Integer> crash() {
        RandomGenerator random = streams.get(FaultKind.CRASH);
        boolean hit = random.nextInt(6) == 0;
        int after = 1 + random.nextInt(8);
        Slot slot = slot(FaultKind.CRASH);
        return hit && plan.strikes(slot) ? new Draw<>(slot, after, 0) : null;
    }

    /** Records that a drawn fault took effect (a candidate for shrinking away), and what it did. */
    synchronized void struck(Slot slot, String what) {
        struck.put(slot, what);
    }

    /** The faults that took effect so far, in order of kind and place. */
    synchronized Map<Slot, String> struck() {
        return new TreeMap<>(struck);
    }

    private Slot slot(FaultKind kind) {
        int index = next.merge(kind, 1, Integer::sum) - 1;
        return new Slot(kind, index);
    }
}
