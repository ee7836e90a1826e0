package com.cruddur.messaging.ops;

/**
 * A problem the CLI reports as one line on standard error and an exit status, without a stack
 * trace: the user can act on the message, a trace would only hide it.
 */
public class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
