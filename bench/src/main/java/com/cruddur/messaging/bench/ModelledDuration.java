package com.cruddur.messaging.bench;

import com.cruddur.messaging.bench.wire.WireSettings;

/**
 * One batch's duration on AWS, <em>computed</em> from what was measured on the modelled wire, by
 * the rule: round trips on the critical path × the request latency + connection set-ups on it ×
 * the connection latency + the handler's CPU time ÷ the function's vCPU share. Lambda gives a
 * function CPU in proportion to its memory, one vCPU at 1,769 MB (Lambda developer guide,
 * "Configure Lambda function memory"). The terms are added, not overlapped: the handler's CPU is
 * counted as if nothing waited meanwhile, so the sum is an upper bound of the three together.
 *
 * @param roundTrips       requests on the critical path (measured: the relay's timeline)
 * @param connectionSetups new connections on that path (measured: the relay's timeline)
 * @param cpuNanos         the handler's process CPU for the invocation (measured: the child JVM's)
 * @param memoryMb         the function's memory
 */
record ModelledDuration(int roundTrips, int connectionSetups, long cpuNanos, WireSettings wire, int memoryMb) {

    /** Memory at which Lambda gives a function one full vCPU. */
    static final int MB_PER_VCPU = 1_769;

    /** The vCPU share of a function of this memory. */
    static double vcpuShare(int memoryMb) {
        return memoryMb / (double) MB_PER_VCPU;
    }

    double wireMillis() {
        return roundTrips * wire.requestLatency().toNanos() / 1e6;
    }

    double connectionMillis() {
        return connectionSetups * wire.connectionLatency().toNanos() / 1e6;
    }

    double cpuMillis() {
        return cpuNanos / 1e6 / vcpuShare(memoryMb);
    }

    double totalMillis() {
        return wireMillis() + connectionMillis() + cpuMillis();
    }
}
