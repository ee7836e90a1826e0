package com.cruddur.messaging.bench.soak;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * One soak's settings.
 *
 * @param rate          writes per second (messages, edits and deletions together)
 * @param duration      how long the app writes
 * @param conversations conversations the app writes to
 * @param faultRate     share of the handler's DynamoDB requests failed with a transient fault (0: none)
 * @param seed          the app's and the faults' random seed
 * @param drainLimit    how long to wait for the stream to drain after the writes
 * @param handlerSeams  more interceptors on the handler's client (the tests' fault seams)
 */
public record SoakSettings(double rate, Duration duration, int conversations, double faultRate, long seed,
                           Duration drainLimit, List<ExecutionInterceptor> handlerSeams) {

    public SoakSettings {
        if (!(rate > 0) || duration.isNegative() || duration.isZero() || conversations < 1 || faultRate < 0 || faultRate >= 1) {
            throw new IllegalArgumentException("soak settings out of range: " + rate + "/s, " + duration + ", "
                    + conversations + " conversations, faults " + faultRate);
        }
        handlerSeams = List.copyOf(handlerSeams);
    }

    /** With the usual seed and drain limit, and no extra seam. */
    public static SoakSettings of(double rate, Duration duration, int conversations, double faultRate) {
        return new SoakSettings(rate, duration, conversations, faultRate, 20L, Duration.ofMinutes(3), List.of());
    }

    public SoakSettings withHandlerSeams(List<ExecutionInterceptor> seams) {
        return new SoakSettings(rate, duration, conversations, faultRate, seed, drainLimit, seams);
    }
}
