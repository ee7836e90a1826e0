package com.cruddur.messaging.stream;

import java.time.Duration;

/** Waits between attempts. A seam so that tests need not wait. */
@FunctionalInterface
interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isZero() && !duration.isNegative()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
