package com.cruddur.messaging.ops.doctor;

import java.util.Objects;

/**
 * What one preflight check found: its status, its name, what was found, and for a warning or a
 * failure the fix (a command, or what to do). One line of {@code doctor}'s report.
 *
 * @param status how it went
 * @param check  the check's name, such as {@code table}
 * @param found  what was found, for people (ids and settings only, never data)
 * @param fix    what to do about it; null when nothing is to be done
 */
public record Verdict(Status status, String check, String found, String fix) {

    /** A check's outcome, in the order of severity that sets the exit status. */
    public enum Status {
        /** Fine for the deploy. */
        OK("ok"),
        /**
         * Not checked, and nothing to fix here: a local run without that service's endpoint, a
         * check that depends on one that already failed. Counts as ok for
         * the exit status; the line says why it was skipped.
         */
        SKIP("skip"),
        /** Works, but look at it: the deploy may need attention, or the check could not be made. */
        WARN("warn"),
        /** The deploy would fail or misbehave until it is fixed. */
        FAIL("fail");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** As the report prints it. */
        public String label() {
            return label;
        }

        /** The worse of two statuses. */
        public Status worse(Status other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    public Verdict {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(found, "found");
        if ((status == Status.WARN || status == Status.FAIL) && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("a " + status.label() + " verdict of " + check + " needs its fix");
        }
    }

    public static Verdict ok(String check, String found) {
        return new Verdict(Status.OK, check, found, null);
    }

    public static Verdict skip(String check, String why) {
        return new Verdict(Status.SKIP, check, why, null);
    }

    public static Verdict warn(String check, String found, String fix) {
        return new Verdict(Status.WARN, check, found, fix);
    }

    public static Verdict fail(String check, String found, String fix) {
        return new Verdict(Status.FAIL, check, found, fix);
    }
}
