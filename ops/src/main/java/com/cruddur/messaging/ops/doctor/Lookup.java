package com.cruddur.messaging.ops.doctor;

/**
 * The result of one read a check depends on, converted at the edge: what the service answered,
 * that the thing does not exist, that the service could not be asked, or that it was not asked.
 * The checks decide on these values alone, so every branch is testable without a service.
 *
 * @param <T> the facts read
 */
public sealed interface Lookup<T> {

    /** The service answered with these facts. */
    record Found<T>(T value) implements Lookup<T> {
    }

    /** The service answered that the thing does not exist (no such table, no such stack). */
    record Missing<T>() implements Lookup<T> {
    }

    /**
     * The service could not be asked, or refused.
     *
     * @param service      the service, for people ("CloudFormation")
     * @param reason       the error in one line (its code and message; never data)
     * @param accessDenied whether the caller lacks a permission (a warning: the check could not be
     *                     made) rather than the service being unreachable or rejecting the call
     */
    record Failed<T>(String service, String reason, boolean accessDenied) implements Lookup<T> {
    }

    /**
     * Not asked, on purpose.
     *
     * @param why for people, such as "no CloudFormation endpoint for a local run"
     */
    record NotChecked<T>(String why) implements Lookup<T> {
    }

    static <T> Lookup<T> found(T value) {
        return new Found<>(value);
    }

    static <T> Lookup<T> missing() {
        return new Missing<>();
    }

    static <T> Lookup<T> notChecked(String why) {
        return new NotChecked<>(why);
    }

    /**
     * The verdict for a read that failed: a missing permission is a warning (the check could not
     * be made: grant {@code permission} to whoever runs doctor), anything else a failure (what
     * cannot be reached now cannot be deployed to either).
     */
    static Verdict unavailable(String check, Failed<?> failed, String permission) {
        if (failed.accessDenied()) {
            return Verdict.warn(check, "not checked: " + failed.service() + " refused (" + failed.reason() + ")",
                    "allow " + permission + " to whoever runs doctor, and run it again");
        }
        return Verdict.fail(check, "cannot reach " + failed.service() + " (" + failed.reason() + ")",
                "check that " + failed.service() + " can be reached (against AWS: the credentials, the Region and the"
                        + " network, AWS_PROFILE and AWS_REGION), then run doctor again");
    }
}
