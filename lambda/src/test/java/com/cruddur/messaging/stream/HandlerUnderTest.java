package com.cruddur.messaging.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A handler configuration the reliability properties run against, with the invariant it promises
 * at every observed point. (Whatever the configuration, once the stream has been delivered the
 * table must equal the model.)
 *
 * @param name      how reports and test names call it
 * @param configure the configuration, from the harness's base one (table, concurrency)
 * @param invariant what must hold at every observed point
 */
record HandlerUnderTest(String name, UnaryOperator<Config> configure, Invariant invariant) {

    /** Today's handler: every conversation is moved in transactions. */
    static HandlerUnderTest transactional() {
        return new HandlerUnderTest("transactional", config -> config, Invariant.EXACTLY_ONE_ROW);
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * What an observed point saw.
     *
     * @param rows        conversation-list rows present, per participant and conversation ({@code "u1/g0"})
     * @param expected    the keys the model has (every one must end with exactly one row)
     * @param interrupted conversations whose last delivery a crash cut short and that have not been
     *                    delivered since (by id, {@code "g0"})
     */
    record Observation(Map<String, Integer> rows, Set<String> expected, Set<String> interrupted) {
    }

    /** A promise about every observed point; throws an {@link AssertionError} when broken. */
    @FunctionalInterface
    interface Invariant {

        /** No row missing, none doubled, none unexpected: whatever happens, whenever one looks. */
        Invariant EXACTLY_ONE_ROW = observation -> {
            Map<String, Integer> once = new TreeMap<>();
            observation.expected().forEach(key -> once.put(key, 1));
            assertThat(observation.rows()).as("one row per participant and conversation at every observed point")
                    .isEqualTo(once);
        };

        void check(Observation observation);
    }
}
