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
record HandlerUnderTest(String name, UnaryOperator<Config> configure, Invariant invariant,
                        AppWriteGuarantee appWrites) {

    /** The transactional path: every row is moved in a transaction with its delete. */
    static HandlerUnderTest transactional() {
        return new HandlerUnderTest(WriteMode.TRANSACTIONAL.value(),
                config -> config.withWriteMode(WriteMode.TRANSACTIONAL),
                Invariant.EXACTLY_ONE_ROW, AppWriteGuarantee.ALWAYS_KEPT);
    }

    /** The put-first path: plain conditional puts of the new rows, then deletes of the old ones. */
    static HandlerUnderTest putFirst() {
        return new HandlerUnderTest(WriteMode.PUT_FIRST.value(),
                config -> config.withWriteMode(WriteMode.PUT_FIRST),
                Invariant.NEVER_MISSING_EXTRA_ONLY_WHILE_UNFINISHED, AppWriteGuarantee.KEPT_UNLESS_UNFINISHED_OR_RACING);
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
     * @param unfinished  conversations the handler has put a row of and not yet finished: in flight
     *                    now, or left by a crash or a reported failure and not delivered since
     */
    record Observation(Map<String, Integer> rows, Set<String> expected, Set<String> interrupted,
                       Set<String> unfinished) {
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

        /**
         * No row ever missing and none unexpected; more than one row of a participant and
         * conversation only while that conversation is unfinished (its update in flight, or cut
         * short by a crash or a reported failure and not delivered since).
         */
        Invariant NEVER_MISSING_EXTRA_ONLY_WHILE_UNFINISHED = observation -> {
            assertThat(observation.rows().keySet()).as("rows present: none missing, none unexpected")
                    .isEqualTo(new java.util.TreeSet<>(observation.expected()));
            observation.rows().forEach((key, count) -> {
                if (count > 1) {
                    assertThat(observation.unfinished()).as("%s has %d rows, but its conversation is not unfinished", key, count)
                            .contains(key.substring(key.indexOf('/') + 1));
                }
            });
        };

        void check(Observation observation);
    }

    /** When an attribute the app changes on a row, while the handler runs, is sure to be kept. */
    enum AppWriteGuarantee {
        /** Always: the move and the delete of the old row are one transaction, conditional on the old row. */
        ALWAYS_KEPT,
        /**
         * Kept when one handler updates the conversation and that update finishes: a copy put
         * before the app's change is replaced from the changed row within the same update. Not sure
         * to be kept when the app changes the old row of a conversation whose update does not
         * finish in that invocation (a crash, or a failure reported after its last attempt) or was
         * left unfinished before, until its next delivery; or while two handlers update the same
         * conversation at once. Then the newest row, which may be a copy made before the change, is
         * the one kept.
         */
        KEPT_UNLESS_UNFINISHED_OR_RACING;

        boolean mayBeLost(boolean unfinishedByAnEarlierInvocation, boolean racing) {
            return this == KEPT_UNLESS_UNFINISHED_OR_RACING && (unfinishedByAnEarlierInvocation || racing);
        }
    }
}
