package com.cruddur.messaging.ops;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit statuses of every program (the ops tool, the developer CLI, the benchmarks): the one
 * definition, one status per cause, so that a script can tell which service or step failed. Every
 * {@code --help} lists them from here, and {@link Program} maps each kind of failure to one of them.
 */
public enum ExitCode {

    /** The command did what was asked; for the commands that invoke the handler: nothing is left failing. */
    OK(0, "done (replay, send, watch, redrive, reconcile --apply: nothing left failing; doctor: no warning or failure)"),
    /**
     * Not everything was applied: the handler reported batch item failures, watch gave up on
     * records, redrive left failure objects in the bucket, or reconcile --apply could not fix a conversation.
     */
    HANDLER_FAILURES(1, "not everything applied: the handler reported batch item failures, watch gave up on records,"
            + " redrive left failure objects in the bucket, reconcile --apply could not fix a conversation"),
    /** A bad argument, or an input file that is missing, unreadable, not JSON or not what was expected. */
    BAD_INPUT(2, "bad arguments, or an input file that is missing, unreadable, not JSON or not a stream event"),
    /** Refused: a destructive command without {@code --yes}, or {@code --aws} where it is not allowed. */
    REFUSED(3, "refused: drop without --yes; --aws with a command that does not accept it; replay --aws with --seed"
            + " or --dump; reconcile --apply --aws not confirmed"),
    /** DynamoDB could not be reached or rejected a request (no table, no region or credentials, ...). */
    DYNAMODB_ERROR(4, "DynamoDB unreachable, or a request rejected (no such table, no region or credentials, ...)"),
    /**
     * The failure destination's service, S3, could not be reached or rejected a request (no such
     * bucket, access denied, ...): told apart from DynamoDB, whose permissions and endpoints differ.
     */
    FAILURE_DESTINATION_ERROR(5, "the failure destination (S3) unreachable, or a request rejected (no such bucket,"
            + " access denied, ...)"),
    /** doctor: a check warned (works, but look at it, or could not be checked), none failed. */
    PREFLIGHT_WARNINGS(6, "doctor: a check warned, none failed"),
    /** doctor: a check failed (the deploy would fail or misbehave until it is fixed). */
    PREFLIGHT_FAILED(7, "doctor: a check failed"),
    /**
     * The table's stream: the table has none, or the record a write produced did not appear in it in
     * time (send, watch). Told apart from DynamoDB's own errors: the table answered, its stream did not.
     */
    STREAM_ERROR(8, "the table's stream: the table has none, or a write's record did not appear in it in time"),
    /**
     * A measurement could not be taken (bench, coldstart): a probe JVM timed out, failed or found a
     * class missing from the deployment jar, or the handler left a benchmark's batch half applied.
     */
    MEASUREMENT_FAILED(9, "bench, coldstart: a measurement could not be taken (a probe JVM timed out or failed, a class"
            + " missing from the deployment jar, a batch the handler left half applied)"),
    /**
     * soak: after the drain and the redrive, reconcile's diff found conversations whose rows are not
     * at their newest message (records lost or applied backwards); the report names them by id.
     */
    CONVERSATIONS_WRONG(10, "soak: conversations whose rows are not at their newest message after the drain"),
    /** An unexpected failure: a bug (EX_SOFTWARE). */
    BUG(70, "an unexpected error (a bug: the stack trace follows on standard error)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }

    /** The exit-status list of {@code --help}: status to meaning. */
    static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exit : values()) {
            list.put(String.valueOf(exit.code), exit.meaning);
        }
        return list;
    }
}
