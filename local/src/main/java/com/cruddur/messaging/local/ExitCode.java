package com.cruddur.messaging.local;

/** The CLI's exit statuses, documented in {@code --help} and the README. */
public final class ExitCode {

    /** The command did what was asked; for replay, send and watch: no batch item failures. */
    public static final int OK = 0;
    /** The handler reported batch item failures (or watch gave up on records after its retries). */
    public static final int HANDLER_FAILURES = 1;
    /** A bad argument, or an input file that is missing, unreadable, not JSON or not what was expected. */
    public static final int BAD_INPUT = 2;
    /** Refused: a destructive command without {@code --yes}, or {@code --aws} where it is not allowed. */
    public static final int REFUSED = 3;
    /** DynamoDB could not be reached or rejected a request (no table, no credentials, ...). */
    public static final int DYNAMODB_ERROR = 4;

    /** The exit-status section every {@code --help} ends with. */
    static final String HELP = """
            exit status:
              0  done (replay, send, watch: the handler returned no batch item failures)
              1  the handler reported batch item failures
              2  bad arguments, or an input file that is missing, unreadable, not JSON or not a stream event
              3  refused: drop without --yes; --aws with a command other than replay, conversations, messages;
                 replay --aws with --seed or --dump
              4  DynamoDB unreachable or a request rejected (no such table, no credentials, ...)
              70 an unexpected error (a bug: the stack trace follows on standard error)""";

    private ExitCode() {
    }
}
