package com.cruddur.messaging.local;

/** A bad command line: unknown option, missing value, wrong argument. Exit status 2, followed by the usage line. */
public final class UsageException extends CliException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }
}
