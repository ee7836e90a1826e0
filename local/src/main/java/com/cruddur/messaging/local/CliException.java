package com.cruddur.messaging.local;

/**
 * A problem the CLI reports as one line on standard error and an exit status, without a stack
 * trace: the user can act on the message, a trace would only hide it.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
