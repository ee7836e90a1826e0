package com.cruddur.messaging.ops;

/** A command the CLI will not run as asked (destructive without {@code --yes}, writing to AWS). Exit status 3. */
public final class RefusedException extends CliException {

    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(ExitCode.REFUSED, message);
    }
}
