package com.cruddur.messaging.bench.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * This JVM's heap, sampled: the used heap (MemoryMXBean: live objects and garbage not yet
 * collected, so it follows the collector's rhythm) and the heap left after the last collection
 * (the heap pools' collection usage: what a leak would make grow). High-water marks of both.
 */
final class HeapWatch {

    private double usedMb;
    private double afterGcMb;
    private double highMb;
    private double afterGcHighMb;

    synchronized void sample() {
        usedMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        double afterGc = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage collected = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            if (collected != null) {
                afterGc += collected.getUsed();
            }
        }
        afterGcMb = afterGc / 1048576.0;
        highMb = Math.max(highMb, usedMb);
        afterGcHighMb = Math.max(afterGcHighMb, afterGcMb);
    }

    synchronized double usedMb() {
        return usedMb;
    }

    synchronized double afterGcMb() {
        return afterGcMb;
    }

    synchronized double highMb() {
        return highMb;
    }

    synchronized double afterGcHighMb() {
        return afterGcHighMb;
    }
}
